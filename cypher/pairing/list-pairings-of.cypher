// For each entity in $ids: its pairings (cypher/fragments/pairings-of.cypher), optionally of one $kind
// and active on $activeOn, newest first, each with both its ends. Entities without pairings have no row.
// $ids: [String], $kind: String or null, $activeOn: ISO date or null
UNWIND $ids AS id
MATCH (t:Entity {id: id})
// @use pairings-of(t, $kind, $activeOn) -> pairings
WITH id, pairings WHERE size(pairings) > 0
RETURN id, [r IN pairings | {pairing: properties(r), partner: properties(startNode(r)), target: properties(endNode(r))}] AS items
