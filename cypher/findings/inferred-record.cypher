// rule: inferred-record
// severity: info
// title: Inferred record for a person to confirm
// zh: 推断记录，待人工核实
// Lists the entities, relationships and claims whose basis is `inferred`: a judgement no sentence
// states (e.g. 小庄村 in 陡沟街道, the five 党家 village branches), so a person can confirm or correct
// it. A relationship or claim is listed under the entity it starts from or that states it; the detail
// names the record and says why it was inferred.
// $scope: [String] or null; $asOf: ISO date (unused); $includeSynthetic: Boolean
CALL () {
  MATCH (n:Entity {basis: 'inferred'})
  WHERE ($scope IS NULL OR n.id IN $scope) AND ($includeSynthetic OR NOT n.synthetic)
  RETURN n.id AS entityId, '推断的实体：' + n.name + '（' + coalesce(n.basisNote, '') + '）' AS detail
  UNION ALL
  MATCH (a:Entity)-[r {basis: 'inferred'}]->(b:Entity)
  WHERE ($scope IS NULL OR a.id IN $scope) AND ($includeSynthetic OR NOT a.synthetic)
  RETURN a.id AS entityId, '推断的关系：' + a.name + ' ' + type(r) + ' ' + b.name + '（' + coalesce(r.basisNote, '') + '）' AS detail
  UNION ALL
  MATCH (s:Entity)-[:STATES]->(c:Claim {basis: 'inferred'})
  WHERE ($scope IS NULL OR s.id IN $scope) AND ($includeSynthetic OR NOT s.synthetic)
  RETURN s.id AS entityId, '推断的数字：' + c.statement + '（' + coalesce(c.basisNote, '') + '）' AS detail
}
RETURN entityId, detail
ORDER BY entityId, detail
