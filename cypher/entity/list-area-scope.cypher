// Which entity ids lie in an area, for scoping audit rules? The area's places (itself, what it
// governs or covers, its members, and everything within those), the organizations governing or
// covering them, and everything those organizations lead; plus the area itself.
// $areaId: String
MATCH (a:Entity {id: $areaId})
OPTIONAL MATCH (a)-[:GOVERNS|COVERS]->(governed:Place)
OPTIONAL MATCH (member:Place)-[:MEMBER_OF]->(a)
WITH a, collect(DISTINCT governed) AS governedPlaces, collect(DISTINCT member) AS members
UNWIND CASE WHEN a:Place THEN [a] ELSE [] END + governedPlaces + members AS root
OPTIONAL MATCH (root)<-[:PART_OF*0..8]-(p:Place)
WITH a, collect(DISTINCT p) AS places
CALL (a, places) {
  UNWIND places + [a] AS x
  OPTIONAL MATCH (o:Organization)-[:GOVERNS|COVERS|LOCATED_IN]->(x)
  WITH a, collect(DISTINCT o) AS around
  WITH around + CASE WHEN a:Organization THEN [a] ELSE [] END AS tops
  UNWIND tops AS top
  OPTIONAL MATCH (d:Organization)-[:REPORTS_TO*0..10]->(top)
  RETURN collect(DISTINCT d.id) AS orgIds
}
CALL (places) {
  UNWIND places AS x
  OPTIONAL MATCH (u:Entity)-[:LOCATED_IN|PAIRED_WITH]->(x)
  RETURN collect(DISTINCT u.id) AS otherIds
}
RETURN [a.id] + [p IN places | p.id] + orgIds + otherIds AS ids
