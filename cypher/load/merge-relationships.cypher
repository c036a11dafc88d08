// Loads a batch of relationships between existing nodes, idempotently (found by their own id).
// $rows: [{ id, type, from, to, props: Map }]; types come from schema/model.ts, never from a request.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:$(row.type) {id: row.id}]->(b)
SET r += row.props
