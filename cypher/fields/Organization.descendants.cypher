// field: Organization.descendants
// in: n
// out: total, items
// params: maxDepth: 1..10, kinds, offset, limit
// The compiled read path's Organization.descendants, in place of its loader's organization/list-descendants:
// the same rule (cypher/fragments/descendants-of.cypher) and columns, but of each node on the page only
// the properties the selection reads (its nodes, its edges' nodes, its edges' sources), not all of them,
// and the walk written to go no deeper than asked (maxDepth spliced: an integer checked to be 1..10).
// @use descendants-of(n, $maxDepth, $kinds, {{maxDepth}}) -> found
WITH size(found) AS total, found[$offset..$offset + $limit] AS page
RETURN total, [x IN page | {node: [d IN [x.d] | @project(d: nodes | edges.node | edges.sources=sourceDocuments+sourceQuotes)][0], depth: x.depth}] AS items
