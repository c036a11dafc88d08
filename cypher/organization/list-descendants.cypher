// For each organization in $ids: everything it leads to $maxDepth levels down (REPORTS_TO, incoming),
// optionally only of $kinds, nearest first, one page each with the total. The rule is
// cypher/fragments/descendants-of.cypher (the compiled read path uses it too).
// $ids: [String], $maxDepth: Int (1-10), $kinds: [String] or null, $offset: Int, $limit: Int
UNWIND $ids AS id
MATCH (n:Entity {id: id})
// @use descendants-of(n, $maxDepth, $kinds, 10) -> found
// The page is cut from the ordered nodes before their properties are read: only its own are.
RETURN id, size(found) AS total, [x IN found[$offset..$offset + $limit] | {node: properties(x.d), depth: x.depth}] AS items
