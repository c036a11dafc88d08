// For each organization in $ids: everything it leads to $maxDepth levels down (REPORTS_TO, incoming),
// optionally only of $kinds, nearest first, one page each with the total.
// $ids: [String], $maxDepth: Int (1-10), $kinds: [String] or null, $offset: Int, $limit: Int
UNWIND $ids AS id
MATCH (n:Entity {id: id})
OPTIONAL MATCH p = (d:Organization)-[:REPORTS_TO*1..10]->(n)
WHERE length(p) <= $maxDepth
WITH id, d, min(length(p)) AS depth
WHERE d IS NULL OR $kinds IS NULL OR d.kind IN $kinds
WITH id, d, depth
ORDER BY depth, d.synthetic, d.name, d.id
WITH id, collect(CASE WHEN d IS NULL THEN null ELSE {node: properties(d), depth: depth} END) AS items
RETURN id, size(items) AS total, items[$offset..$offset + $limit] AS items
