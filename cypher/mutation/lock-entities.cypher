// Locks the entities $ids for the rest of the write transaction and reads them as they now are, with
// their parent links (REPORTS_TO for an organization, PART_OF for a place). Writing a throwaway
// property takes Neo4j's write lock, so a concurrent mutation of the same entity waits until this one
// commits and then checks what it wrote, never a stale copy. Unknown ids are left out.
// $ids: [String] (sorted, so that two transactions take their locks in the same order)
UNWIND $ids AS id
MATCH (n:Entity {id: id})
// @use lock(n) -> locked
WITH n
OPTIONAL MATCH (n)-[link:REPORTS_TO|PART_OF]->(parent:Entity)
WITH n, link, parent
ORDER BY parent.id
RETURN n.id AS id, properties(n) AS node,
       collect(CASE WHEN parent IS NULL THEN null ELSE {parentId: parent.id, link: properties(link)} END) AS parents
