// For each place in $ids: the larger places it lies in, nearest first (PART_OF).
// $ids: [String]
UNWIND $ids AS id
MATCH (n:Entity {id: id})
MATCH p = (n)-[:PART_OF*1..20]->(a:Place)
WITH id, a, length(p) AS depth
ORDER BY depth
RETURN id, collect(properties(a)) AS items
