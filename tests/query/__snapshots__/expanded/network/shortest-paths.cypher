// What are the five shortest connections between two entities (the shortest, then the next shortest:
// the alternatives a planner weighs), searched to 10 steps? One row per path, none when there is none.
// No filter inside the pattern, for the reason network/shortest-path gives: Neo4j searches it fastest
// bare. Five, the most the API offers: Neo4j 5.26 takes no parameter for SHORTEST's count. Paths of
// equal length come in any order: the caller sorts them, keeps the k asked for and drops those longer
// than $maxLength or passing an entity twice (SHORTEST finds trails, which may).
// $from: String, $to: String
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = SHORTEST 5 (a)-[*1..10]-(b)
RETURN [n IN nodes(p) | properties(n)] AS nodes,
  [r IN relationships(p) | {id: r.id, source: startNode(r).id, target: endNode(r).id, label: type(r), basis: r.basis, status: null}] AS edges
