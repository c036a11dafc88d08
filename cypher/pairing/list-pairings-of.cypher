// For each entity in $ids: its pairings (as partner or target), optionally of one $kind and active on
// $activeOn, newest first. One expansion in either direction: a pairing always runs partner → target,
// so its start and end node say which is which. Entities without pairings have no row.
// $ids: [String], $kind: String or null, $activeOn: ISO date or null
UNWIND $ids AS id
MATCH (:Entity {id: id})-[r:PAIRED_WITH]-()
WHERE $kind IS NULL OR r.kind = $kind
// @use active-on(r, $activeOn) -> active
WITH id, r WHERE active
WITH id, r ORDER BY coalesce(r.validFrom, '') DESC, r.id
RETURN id, collect({pairing: properties(r), partner: properties(startNode(r)), target: properties(endNode(r))}) AS items
