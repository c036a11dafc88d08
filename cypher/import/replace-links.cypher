// Creates or sets a batch of relationships of a graph.json import to exactly the properties given,
// found by their id between their two ends. Types are checked against schema/model.ts first.
// $rows: [{ id: String, type: String, from: String, to: String, props: Map }]
UNWIND $rows AS row
// @use merge-relationship(row) -> r
SET r = row.props
RETURN count(r) AS written
