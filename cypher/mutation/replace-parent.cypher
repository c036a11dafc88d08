// Moves an organization: removes its REPORTS_TO link(s) and links it to the new parent.
// $id: String, $parentId: String, $props: Map (the new link's id and provenance)
MATCH (n:Entity {id: $id}), (p:Entity {id: $parentId})
OPTIONAL MATCH (n)-[old:REPORTS_TO]->()
DELETE old
WITH DISTINCT n, p
CREATE (n)-[r:REPORTS_TO]->(p)
SET r = $props
RETURN r.id AS id
