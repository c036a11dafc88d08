// Creates one relationship of a type from schema/model.ts between two existing entities.
// $from: String, $to: String, $type: String, $props: Map (with id and provenance)
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CREATE (a)-[r:$($type)]->(b)
SET r = $props
RETURN r.id AS id
