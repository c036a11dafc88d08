// The 街道 and district of each entity in $ids (cypher/fragments/located-in.cypher), for the exports
// that list entities (findings, path steps). One row per id found.
// $ids: [String]
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) { // located-in: cypher/fragments/located-in.cypher
  OPTIONAL MATCH (e)-[:GOVERNS|COVERS|LOCATED_IN]->(own:Place)
  OPTIONAL MATCH (member:Place)-[:MEMBER_OF]->(e)
  WITH e, CASE WHEN e:Place THEN [e] ELSE [] END + collect(DISTINCT own) + collect(DISTINCT member) AS starts
  UNWIND CASE WHEN size(starts) = 0 THEN [null] ELSE starts END AS start
  OPTIONAL MATCH up = (start)-[:PART_OF]->{0,8}(s:Place {kind: 'Subdistrict'})
  WITH e, start, s ORDER BY length(up)
  WITH e, start, collect(s)[0] AS nearestSubdistrict
  OPTIONAL MATCH up = (start)-[:PART_OF]->{0,8}(d:Place {kind: 'District'})
  WITH nearestSubdistrict, d ORDER BY length(up)
  RETURN collect(nearestSubdistrict)[0] AS subdistrict, collect(d)[0] AS district
}
RETURN id, subdistrict.name AS subdistrict, district.name AS district
