// The five shortest connections between two entities along only the relationship types $types, through
// no entity of a kind in $exclude (the end itself may be one), searched to 10 steps; one row per path.
// The filter sits inside the quantified path pattern so Neo4j applies it at each step of its search (as
// in network/shortest-path-filtered). Five, the most the API offers: Neo4j 5.26 takes no parameter for
// SHORTEST's count. The caller sorts the paths, keeps the k asked for and drops those longer than
// $maxLength or passing an entity twice (SHORTEST finds trails, which may).
// $from: String, $to: String, $types: List<String>, $exclude: List<String>
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = SHORTEST 5 (a) (()-[r]-(x) WHERE type(r) IN $types AND (x.id = $to OR NOT x.kind IN $exclude)){1,10} (b)
RETURN [n IN nodes(p) | properties(n)] AS nodes,
  [r IN relationships(p) | {id: r.id, source: startNode(r).id, target: endNode(r).id, label: type(r), basis: r.basis, status: null}] AS edges
