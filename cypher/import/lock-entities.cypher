// Locks the entities $ids for the rest of the import's write transaction and reads them as they now
// are (as find-entities). Writing a throwaway property takes Neo4j's write lock, so a concurrent
// mutation of one of them waits for the import, and the import compares against what is committed.
// $ids: [String] (sorted, so that two transactions take their locks in the same order)
UNWIND $ids AS id
MATCH (n:Entity {id: id})
// @use lock(n) -> locked
WITH n
OPTIONAL MATCH (n)-[r:REPORTS_TO|PART_OF|GOVERNS|LOCATED_IN]->(m:Entity)
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props,
       collect(CASE WHEN m IS NULL THEN null ELSE {type: type(r), to: m.id} END) AS links
