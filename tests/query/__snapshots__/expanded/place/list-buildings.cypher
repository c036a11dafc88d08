// Which commercial buildings and industrial parks are there (optionally among the places of the area
// $areaId, as cypher/fragments/area-places.cypher defines them)?
// $areaId: String or null, $includeSynthetic: Boolean, $offset: Int, $limit: Int
CALL () {
  MATCH (b:Place) WHERE $areaId IS NULL AND (b:CommercialBuilding OR b:IndustrialPark) RETURN b
  UNION
  MATCH (a:Entity {id: $areaId})
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
  UNWIND places AS b
  WITH b WHERE b:CommercialBuilding OR b:IndustrialPark
  RETURN b
}
WITH DISTINCT b WHERE $includeSynthetic OR NOT b.synthetic
WITH b ORDER BY b.synthetic, b.name, b.id
WITH collect(properties(b)) AS items
RETURN size(items) AS total, items[$offset..$offset + $limit] AS items
