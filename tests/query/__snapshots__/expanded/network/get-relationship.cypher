// Which relationship has this id, with both ends? Ids of the form from|TYPE|to are found from their
// start node (indexed); pairings by their own indexed id.
// $id: String, $from: String or null, $to: String or null
CALL () {
  MATCH (a:Entity {id: $from})-[r]->(b:Entity {id: $to})
  WHERE r.id = $id
  RETURN a, r, b
  UNION
  MATCH (a:Entity)-[r:PAIRED_WITH {id: $id}]->(b:Entity)
  RETURN a, r, b
}
RETURN type(r) AS type, properties(r) AS link, properties(a) AS from, properties(b) AS to
LIMIT 1
