// Which commercial buildings and industrial parks are there (optionally within the place $areaId, or
// the places an organization $areaId governs or covers)?
// $areaId: String or null, $includeSynthetic: Boolean, $offset: Int, $limit: Int
CALL () {
  MATCH (b:Place) WHERE $areaId IS NULL AND (b:CommercialBuilding OR b:IndustrialPark) RETURN b
  UNION
  MATCH (a:Entity {id: $areaId})
  OPTIONAL MATCH (a)-[:GOVERNS|COVERS]->(governed:Place)
  WITH a, collect(governed) AS governedPlaces
  WITH CASE WHEN a:Place THEN [a] ELSE [] END + governedPlaces AS roots
  UNWIND roots AS root
  MATCH (root)<-[:PART_OF*1..8]-(b:Place) WHERE b:CommercialBuilding OR b:IndustrialPark
  RETURN b
}
WITH DISTINCT b WHERE $includeSynthetic OR NOT b.synthetic
WITH b ORDER BY b.synthetic, b.name, b.id
WITH collect(properties(b)) AS items
RETURN size(items) AS total, items[$offset..$offset + $limit] AS items
