// Which organizations are there, optionally only of $kinds and only under the area $areaId (an
// organization: everything it leads; a place: the organizations governing it or anything within it)?
// $kinds: [String] or null, $areaId: String or null, $includeSynthetic: Boolean, $offset, $limit
CALL () {
  MATCH (o:Organization) WHERE $areaId IS NULL RETURN o
  UNION
  MATCH (a:Organization {id: $areaId})<-[:REPORTS_TO*1..10]-(o:Organization) RETURN o
  UNION
  MATCH (a:Place {id: $areaId})<-[:PART_OF*0..8]-(:Place)<-[:GOVERNS|COVERS]-(o:Organization) RETURN o
}
WITH DISTINCT o
WHERE ($kinds IS NULL OR o.kind IN $kinds) AND ($includeSynthetic OR NOT o.synthetic)
WITH o ORDER BY o.synthetic, o.name, o.id
WITH collect(properties(o)) AS items
RETURN size(items) AS total, items[$offset..$offset + $limit] AS items
