// For each organization in $ids: how many organizations of each kind it leads, to any depth.
// $ids: [String]
UNWIND $ids AS id
MATCH (n:Entity {id: id})
MATCH (d:Organization)-[:REPORTS_TO*1..10]->(n)
WITH id, d.kind AS kind, count(DISTINCT d) AS count
ORDER BY count DESC, kind
RETURN id, collect({kind: kind, count: count}) AS items
