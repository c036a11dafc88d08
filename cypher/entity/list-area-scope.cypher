// Which entity ids lie in an area, for READING: the audit lens's findings, the change log and area
// history by area, a subtree export. The area's places (itself, what it governs or covers, its members,
// and everything within those), the organizations governing, covering or sitting in them, and
// everything those organizations lead; the units sitting in those places or paired with them (a reader
// of an area wants its partners too); plus the area itself. This is the read-side area only: whether a
// WRITE lies inside an editor's area is cypher/scope/find-outside-area.cypher, where a pairing grants
// nothing. The places are the area's walk (cypher/fragments/area-walk.cypher) taken inside its villages
// and communities too: a reader of an area wants their grids, compounds and residential buildings.
// $areaId: String
MATCH (a:Entity {id: $areaId})
WITH a, true AS inside
// @use area-walk(a, inside) -> places, parts
WITH a, places
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
