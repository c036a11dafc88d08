// Creates a batch of new entities. Labels come from labelsOf(kind) in schema/model.ts, never from a
// file's text; the id constraint refuses an id taken since the import's checks.
// $rows: [{ labels: [String], props: Map }]
UNWIND $rows AS row
CREATE (n:Entity)
SET n = row.props, n:$(row.labels)
RETURN count(n) AS written
