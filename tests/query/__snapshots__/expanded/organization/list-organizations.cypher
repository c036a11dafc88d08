// Which organizations are there, optionally only of $kinds and only under the area $areaId (an
// organization: everything it leads; a place: the organizations governing or covering its places,
// cypher/fragments/area-places.cypher, and those inside its villages and communities)?
// $kinds: [String] or null, $areaId: String or null, $includeSynthetic: Boolean, $offset, $limit
CALL () {
  MATCH (o:Organization) WHERE $areaId IS NULL RETURN o
  UNION
  MATCH (a:Organization {id: $areaId})<-[:REPORTS_TO*1..10]-(o:Organization) RETURN o
  UNION
  MATCH (a:Place {id: $areaId})
  CALL (a) { // area-places: cypher/fragments/area-places.cypher
    WITH a, false AS inside
    CALL (a, inside) { // area-walk: cypher/fragments/area-walk.cypher
      OPTIONAL MATCH (a)-[:GOVERNS|COVERS]->(governed:Place)
      OPTIONAL MATCH (member:Place)-[:MEMBER_OF]->(a)
      WITH a, inside, CASE WHEN a:Place THEN [a] ELSE [] END + collect(DISTINCT governed) + collect(DISTINCT member) AS roots
      UNWIND roots AS root
      OPTIONAL MATCH (root) ((up)<-[:PART_OF]-() WHERE inside OR NOT up.kind IN ['Village', 'Community', 'Grid', 'ResidentialCompound', 'ResidentialBuilding', 'CommercialBuilding']){0,9} (p)
      WITH CASE size(up) WHEN 0 THEN null WHEN 1 THEN p ELSE up[1] END AS part,
           collect(DISTINCT CASE WHEN size(up) <= 8 THEN p END) AS within, collect(DISTINCT p) AS below
      WITH collect(within) AS lists, collect(CASE WHEN part IS NOT NULL THEN {part: part, places: below} END) AS parts
      CALL (lists) {
        UNWIND lists AS list
        UNWIND list AS p
        RETURN collect(DISTINCT p) AS places
      }
      RETURN places, parts
    }
    RETURN places, parts
  }
  UNWIND places AS p
  MATCH (p)<-[:GOVERNS|COVERS]-(top:Organization)
  CALL (top, p) {
    RETURN top AS o
    UNION
    // The walk over places stops at villages and communities; the organizations of what lies inside
    // them (grids, compounds, buildings) report to theirs.
    WITH top, p WHERE p.kind IN ['Village', 'Community']
    MATCH (top)<-[:REPORTS_TO*1..10]-(o:Organization) WHERE EXISTS { (o)-[:GOVERNS|COVERS]->(:Place) }
    RETURN o
  }
  RETURN o
}
WITH DISTINCT o
WHERE ($kinds IS NULL OR o.kind IN $kinds) AND ($includeSynthetic OR NOT o.synthetic)
WITH o ORDER BY o.synthetic, o.name, o.id
WITH collect(properties(o)) AS items
RETURN size(items) AS total, items[$offset..$offset + $limit] AS items
