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
// The page is cut from the ordered nodes before their properties are read: only its own are.
WITH id, collect(CASE WHEN d IS NULL THEN null ELSE {d: d, depth: depth} END) AS found
RETURN id, size(found) AS total, [x IN found[$offset..$offset + $limit] | {node: properties(x.d), depth: x.depth}] AS items
