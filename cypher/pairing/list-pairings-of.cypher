// For each entity in $ids: its pairings (cypher/fragments/pairings-of.cypher), optionally of one $kind
// and active on $activeOn, newest first. Entities without pairings have no row.
// $ids: [String], $kind: String or null, $activeOn: ISO date or null
UNWIND $ids AS id
MATCH (t:Entity {id: id})
// @use pairings-of(t, $kind, $activeOn) -> items
WITH id, items WHERE size(items) > 0
RETURN id, items
