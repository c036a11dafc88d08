// For each entity in $ids: its pairings (as partner or target), optionally of one $kind and active on
// $activeOn, newest first.
// $ids: [String], $kind: String or null, $activeOn: ISO date or null
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  MATCH (n)-[r:PAIRED_WITH]->(t:Place) RETURN n AS p, r, t
  UNION
  MATCH (p:Entity)-[r:PAIRED_WITH]->(n) RETURN p, r, n AS t
}
WITH id, p, r, t
WHERE ($kind IS NULL OR r.kind = $kind)
  AND ($activeOn IS NULL OR (coalesce(r.validFrom, '0000-01-01') <= $activeOn AND (r.validTo IS NULL OR r.validTo >= $activeOn)))
WITH id, p, r, t ORDER BY coalesce(r.validFrom, '') DESC, r.id
RETURN id, collect({pairing: properties(r), partner: properties(p), target: properties(t)}) AS items
