// Creates one entity with its labels (from schema/model.ts) and properties; fails on a duplicate id
// (constraint entity_id).
// $id: String, $labels: [String], $props: Map
CREATE (n:Entity {id: $id})
SET n += $props
SET n:$($labels)
RETURN properties(n) AS node
