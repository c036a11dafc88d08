// What is the shortest connection between two entities, at most $maxLength steps (searched to 10 at
// most)? No row when there is none. No type filter: every relationship between entities is one of the
// model's types, claims hang off a single STATES edge (never between two entities) and the change log
// has no relationships, so the filter would change nothing — and it makes Neo4j's search much slower.
// No WHERE on the path either: a predicate Neo4j cannot check during its breadth-first search makes it
// fall back to an exhaustive search of every path up to 10 steps when there is none (≈12 s between two
// unconnected components). The caller drops a path longer than $maxLength.
// $from: String, $to: String
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = shortestPath((a)-[*..10]-(b))
RETURN [n IN nodes(p) | properties(n)] AS nodes,
  [r IN relationships(p) | {id: r.id, source: startNode(r).id, target: endNode(r).id, label: type(r), basis: r.basis, status: null}] AS edges
