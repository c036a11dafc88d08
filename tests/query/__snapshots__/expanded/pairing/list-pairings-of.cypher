// For each entity in $ids: its pairings (cypher/fragments/pairings-of.cypher), optionally of one $kind
// and active on $activeOn, newest first, each with both its ends. Entities without pairings have no row.
// $ids: [String], $kind: String or null, $activeOn: ISO date or null
UNWIND $ids AS id
MATCH (t:Entity {id: id})
CALL (t) { // pairings-of: cypher/fragments/pairings-of.cypher
  WITH t, $kind AS kind, $activeOn AS day
  MATCH (t)-[r:PAIRED_WITH]-()
  WHERE kind IS NULL OR r.kind = kind
  CALL (r, day) { // active-on: cypher/fragments/active-on.cypher
    RETURN day IS NULL OR (coalesce(r.validFrom, '0000-01-01') <= day AND (r.validTo IS NULL OR r.validTo >= day)) AS active
  }
  WITH r WHERE active
  WITH r ORDER BY coalesce(r.validFrom, '') DESC, r.id
  RETURN collect(r) AS pairings
}
WITH id, pairings WHERE size(pairings) > 0
RETURN id, [r IN pairings | {pairing: properties(r), partner: properties(startNode(r)), target: properties(endNode(r))}] AS items
