// The relationships between entities to export: all of them when $ids is null, else every one that
// starts at one of the entities $ids (a subtree export takes its members' incoming links along as
// members, so this holds every link that touches it). Claims' STATES links are not here: a claim
// names its subject.
// $ids: [String] or null
CALL () {
  WITH $ids AS ids
  WHERE ids IS NULL
  MATCH (a:Entity)-[r]->(b:Entity)
  RETURN a, r, b
  UNION
  UNWIND coalesce($ids, []) AS id
  MATCH (a:Entity {id: id})-[r]->(b:Entity)
  RETURN a, r, b
}
RETURN coalesce(r.id, a.id + '|' + type(r) + '|' + b.id) AS id, type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props
