// Loads a batch of relationships between existing nodes, idempotently (found by their own id).
// $rows: [{ id, type, from, to, props: Map }]; types come from schema/model.ts, never from a request.
UNWIND $rows AS row
CALL (row) { // merge-relationship: cypher/fragments/merge-relationship.cypher
  MATCH (a:Entity {id: row.from})
  MATCH (b:Entity {id: row.to})
  MERGE (a)-[r:$(row.type) {id: row.id}]->(b)
  RETURN r
}
SET r += row.props
