// Which commercial buildings and industrial parks are there (optionally among the places of the area
// $areaId, as cypher/fragments/area-places.cypher defines them)?
// $areaId: String or null, $includeSynthetic: Boolean, $offset: Int, $limit: Int
CALL () {
  MATCH (b:Place) WHERE $areaId IS NULL AND (b:CommercialBuilding OR b:IndustrialPark) RETURN b
  UNION
  MATCH (a:Entity {id: $areaId})
  // @use area-places(a) -> places, parts
  UNWIND places AS b
  WITH b WHERE b:CommercialBuilding OR b:IndustrialPark
  RETURN b
}
WITH DISTINCT b WHERE $includeSynthetic OR NOT b.synthetic
WITH b ORDER BY b.synthetic, b.name, b.id
WITH collect(properties(b)) AS items
RETURN size(items) AS total, items[$offset..$offset + $limit] AS items
