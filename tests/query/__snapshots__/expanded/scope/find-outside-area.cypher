// Which of $ids lie outside an editor's area $scope? The rule is the fragment editor-scope
// (cypher/fragments/editor-scope.cypher), which says what "inside" means; the mutations
// (server/write-guards.ts) and the import (data/exchange/graph-view.ts) both ask this query. Unknown
// ids are left out (the caller reports them as not found).
// $scope: String, $ids: [String]
UNWIND $ids AS id
MATCH (x:Entity {id: id})
CALL (x) { // editor-scope: cypher/fragments/editor-scope.cypher
  WITH x, $scope AS area
  CALL (x) {
    OPTIONAL MATCH (x:Person)-[:HOLDS_POSITION]->(at:Entity)
    OPTIONAL MATCH (x:Alliance)<-[:LEADS]-(leader:Organization)
    WITH x, collect(DISTINCT at) + collect(DISTINCT leader) AS more
    UNWIND [x] + more AS anchor
    MATCH (anchor)-[:REPORTS_TO|PART_OF*0..12]->(up:Entity)
    RETURN collect(DISTINCT up) AS ups
  }
  CALL (ups) {
    UNWIND ups AS u
    OPTIONAL MATCH (u)-[:GOVERNS|LOCATED_IN]->(:Place)-[:PART_OF*0..8]->(held:Place)
    WITH ups, collect(DISTINCT held) AS held
    RETURN [u IN ups WHERE u:Place] + held AS places
  }
  CALL (places) {
    UNWIND places AS place
    OPTIONAL MATCH (place)<-[:GOVERNS|COVERS]-(:Entity)-[:REPORTS_TO*0..10]->(o:Entity)
    RETURN collect(DISTINCT o.id) AS governors
  }
  RETURN area IN [u IN ups | u.id] + [p IN places | p.id] + governors AS inside
}
WITH id, inside
WHERE NOT inside
RETURN id
