// The shortest connection between two entities along only the relationship types $types, through no
// entity of a kind in $exclude (the end itself may be one), searched to 10 steps; no row when there is
// none. A separate query from network/shortest-path because the filter costs: an unfiltered search
// keeps the plain shortestPath. The filter sits inside the quantified path pattern, so Neo4j applies it
// at each step of its breadth-first search (a WHERE on the whole path would be checked only after it,
// and fall back to an exhaustive search when no path qualifies). The caller drops a path longer than
// $maxLength.
// $from: String, $to: String, $types: List<String>, $exclude: List<String>
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = SHORTEST 1 (a) (()-[r]-(x) WHERE type(r) IN $types AND (x.id = $to OR NOT x.kind IN $exclude)){1,10} (b)
RETURN [n IN nodes(p) | properties(n)] AS nodes,
  [r IN relationships(p) | {id: r.id, source: startNode(r).id, target: endNode(r).id, label: type(r), basis: r.basis, status: null}] AS edges
