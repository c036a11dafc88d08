// Moves organization $id under $parentId: deletes its REPORTS_TO link(s) and creates the new one. The
// change log keeps the old link (before) and the new one (after).
// $id: String, $parentId: String, $link: Map (the new link's id and provenance)
MATCH (o:Organization {id: $id}), (p:Organization {id: $parentId})
CALL (o) {
  MATCH (o)-[old:REPORTS_TO]->()
  DELETE old
}
CREATE (o)-[r:REPORTS_TO]->(p)
SET r = $link
RETURN properties(o) AS node, [{parentId: p.id, link: properties(r)}] AS parents
