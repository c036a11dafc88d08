// fragment: pairings-of(t, kind, day) -> pairings
// An entity's pairings (as partner or target), optionally of one kind and active on a day (null: any),
// newest first: decided here once for the pairings loader (pairing/list-pairings-of) and the compiled
// read path (server/compiled/). One expansion in either direction: a pairing always runs partner →
// target, so its start and end node say which is which. One row, `pairings`: the PAIRED_WITH
// relationships ([] when none), so each caller projects only what it needs of them and their ends.
// params: none
MATCH (t)-[r:PAIRED_WITH]-()
WHERE kind IS NULL OR r.kind = kind
// @use active-on(r, day) -> active
WITH r WHERE active
WITH r ORDER BY coalesce(r.validFrom, '') DESC, r.id
RETURN collect(r) AS pairings
