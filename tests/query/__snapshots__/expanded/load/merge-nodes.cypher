// Loads a batch of nodes (documented or synthetic), idempotently: a node is found by id and updated.
// $rows: [{ id, labels: [String], props: Map }]; labels come from schema/model.ts, never from a request.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n += row.props
SET n:$(row.labels)
