// fragment: descendants-of(n, maxDepth, kinds, {{reach}}) -> found
// What an organization leads, decided here once for the descendants loader (organization/list-descendants)
// and the compiled read path (cypher/fields/Organization.descendants.cypher): every organization that
// reports to it (REPORTS_TO, incoming) at most `maxDepth` levels down, at its nearest depth, optionally
// only of `kinds` (null: all; every level is still walked), nearest first, then real before synthetic,
// by name and id. One row, `found`: a list of {d: the node, depth} ([] when none), so each caller
// projects only what it needs of the nodes, after cutting its page. `{{reach}}` is the walk's written
// bound (Cypher takes no parameter there): 10, the most `maxDepth` may be, for a query that takes
// maxDepth as a parameter; maxDepth itself where it is known when the text is made (the compiled read
// path splices the checked argument), which walks no further than asked.
// params: none
MATCH p = (d:Organization)-[:REPORTS_TO*1..{{reach}}]->(n)
// Filtered on the nearest depth, not on each path: a predicate on each path's length makes the walk
// slower, though it reads a little less (a city district to depth 4, median of 30 alternating runs:
// bound 4 and this filter 50 ms, 18,504 dbHits; bound 4 and a path filter 84 ms, 16,324; bound 10 and
// this filter 59 ms, 24,555; bound 10 and a path filter, the loader's query before, 83 ms, 18,341).
WITH d, maxDepth, kinds, min(length(p)) AS depth
WHERE depth <= maxDepth AND (kinds IS NULL OR d.kind IN kinds)
WITH d, depth ORDER BY depth, d.synthetic, d.name, d.id
RETURN collect({d: d, depth: depth}) AS found
