// What is the shortest connection between two entities, through the model's relationship types, at
// most $maxLength steps (searched to 10 at most)? No row when there is none.
// $from: String, $to: String, $maxLength: 1-10, $types: relationship types from schema/model.ts
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = shortestPath((a)-[:$any($types)*..10]-(b))
WHERE length(p) <= $maxLength
RETURN [n IN nodes(p) | properties(n)] AS nodes,
  [r IN relationships(p) | {id: r.id, source: startNode(r).id, target: endNode(r).id, label: type(r), status: null}] AS edges
