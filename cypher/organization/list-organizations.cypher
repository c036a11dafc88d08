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
  // @use area-places(a) -> places, parts
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
