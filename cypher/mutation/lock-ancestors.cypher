// Locks every organization above $id (its REPORTS_TO chain, any depth). Two moves that could together
// close a cycle both lock the organization one of them moves, so they run one after the other and the
// second sees the first when it checks for a cycle.
// $id: String
MATCH (:Entity {id: $id})-[:REPORTS_TO*1..]->(a:Entity)
WITH DISTINCT a
ORDER BY a.id
// @use lock(a) -> locked
RETURN count(locked) AS locked
