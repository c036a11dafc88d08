// Creates a place within its parent place (PART_OF). Labels come from labelsOf(kind) in schema/model.ts.
// $labels: [String], $props: Map (id, kind, name, nameEn, synthetic, provenance), $parentId: String,
// $parentLink: Map (id and provenance)
MATCH (parent:Place {id: $parentId})
CREATE (n:Entity)
SET n = $props, n:$($labels)
CREATE (n)-[r:PART_OF]->(parent)
SET r = $parentLink
RETURN properties(n) AS node
