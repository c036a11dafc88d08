// Loads a batch of relationships between existing nodes, idempotently (found by their own id).
// $rows: [{ id, type, from, to, props: Map }]; types come from schema/model.ts, never from a request.
UNWIND $rows AS row
// @use merge-relationship(row) -> r
SET r += row.props
