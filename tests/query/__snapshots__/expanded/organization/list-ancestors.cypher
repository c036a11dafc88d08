// For each organization in $ids: its chain of command, nearest first, up to the top (REPORTS_TO).
// $ids: [String]
UNWIND $ids AS id
MATCH (n:Entity {id: id})
MATCH p = (n)-[:REPORTS_TO*1..20]->(a:Organization)
WITH id, a, length(p) AS depth
ORDER BY depth
RETURN id, collect(properties(a)) AS items
