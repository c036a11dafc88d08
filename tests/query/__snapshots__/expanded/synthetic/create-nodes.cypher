// Writes a batch of new synthetic nodes with CREATE: used only when the store holds nothing under the
// graph's id prefix (a fresh load), where it skips MERGE's lookups; the unique constraint on
// :Entity(id) still refuses a duplicate. Returns how many were created.
// $rows: [{ id, labels: [String], props: Map }]; labels come from schema/model.ts, never from a request.
UNWIND $rows AS row
CREATE (n:$(row.labels))
SET n = row.props
RETURN count(n) AS created
