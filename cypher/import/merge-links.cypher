// Creates or updates a batch of relationships, found by their own id between their two ends: parent
// links, GOVERNS, LOCATED_IN, HOLDS_POSITION and pairings (PAIRED_WITH). Properties given are set;
// others are left as they are.
// $rows: [{ id: String, type: String, from: String, to: String, props: Map }] (types from schema/model.ts)
UNWIND $rows AS row
// @use merge-relationship(row) -> r
SET r += row.props
RETURN count(r) AS written
