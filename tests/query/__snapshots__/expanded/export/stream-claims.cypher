// The claims to export, each with the entity that states it: all of them when $ids is null, else
// those stated by the entities $ids.
// $ids: [String] or null
CALL () {
  WITH $ids AS ids
  WHERE ids IS NULL
  MATCH (s:Entity)-[:STATES]->(c:Claim)
  RETURN s, c
  UNION
  UNWIND coalesce($ids, []) AS id
  MATCH (s:Entity {id: id})-[:STATES]->(c:Claim)
  RETURN s, c
}
RETURN c.id AS id, s.id AS subject, properties(c) AS props
