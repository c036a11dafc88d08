// The entities to export, with their labels and properties: all of them when $ids is null, else
// those with the ids given. Read record by record (the export streams them to its file).
// $ids: [String] or null
CALL () {
  WITH $ids AS ids
  WHERE ids IS NULL
  MATCH (n:Entity)
  RETURN n
  UNION
  UNWIND coalesce($ids, []) AS id
  MATCH (n:Entity {id: id})
  RETURN n
}
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props
