// Which of $ids lie outside an editor's area $scope? Walking only upward from each entity (cheap at
// any graph size): it is inside when the area is among what it reports to or lies in, among the
// places its organizations govern, cover or sit in (and what those lie in), or among the organizations
// governing or covering the places it lies in (and what those report to). Unknown ids are left out.
// $scope: String, $ids: [String]
UNWIND $ids AS id
MATCH (x:Entity {id: id})
CALL (x) {
  MATCH (x)-[:REPORTS_TO|PART_OF*0..12]->(up:Entity)
  RETURN collect(DISTINCT up) AS ups
}
CALL (ups) {
  UNWIND ups AS u
  OPTIONAL MATCH (u)-[:GOVERNS|COVERS|LOCATED_IN]->(:Place)-[:PART_OF*0..8]->(placeAbove:Place)
  OPTIONAL MATCH (u)<-[:GOVERNS|COVERS]-(:Organization)-[:REPORTS_TO*0..10]->(orgAbove:Organization)
  RETURN collect(DISTINCT placeAbove.id) + collect(DISTINCT orgAbove.id) AS around
}
WITH id, [u IN ups | u.id] + around AS reach
WHERE NOT $scope IN reach
RETURN id
