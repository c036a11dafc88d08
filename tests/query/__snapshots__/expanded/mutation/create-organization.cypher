// Creates an organization under its parent (REPORTS_TO) and, when $governsPlaceId is given, its link
// to the place it governs (GOVERNS). Labels come from labelsOf(kind) in schema/model.ts.
// $labels: [String], $props: Map (id, kind, name, nameEn, synthetic, provenance), $parentId: String,
// $parentLink: Map, $governsPlaceId: String or null, $governsLink: Map or null (id and provenance)
MATCH (parent:Organization {id: $parentId})
CREATE (n:Entity)
SET n = $props, n:$($labels)
CREATE (n)-[r:REPORTS_TO]->(parent)
SET r = $parentLink
WITH n
CALL (n) {
  MATCH (place:Place {id: $governsPlaceId})
  CREATE (n)-[g:GOVERNS]->(place)
  SET g = $governsLink
}
RETURN properties(n) AS node
