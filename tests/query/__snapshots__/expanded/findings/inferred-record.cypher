// rule: inferred-record
// severity: info
// title: Inferred record for a person to confirm
// zh: 推断记录，待人工核实
// Lists the entities, relationships and claims whose basis is `inferred`: a judgement no sentence
// states (e.g. 小庄村 in 陡沟街道, the five 党家 village branches), so a person can confirm or correct
// it. A relationship or claim is listed under the entity it starts from or that states it; the detail
// names the record and says why it was inferred.
// $scope: [String] or null; $asOf: ISO date (unused); $includeSynthetic: Boolean
// With a scope, each part starts from the scope's ids (the id index), never from a scan of every record.
CALL () {
  MATCH (n:Entity {basis: 'inferred'})
  WHERE $scope IS NULL AND ($includeSynthetic OR NOT n.synthetic)
  RETURN n AS a, null AS r, null AS b, null AS c
  UNION ALL
  UNWIND coalesce($scope, []) AS id
  MATCH (n:Entity {id: id})
  WHERE n.basis = 'inferred' AND ($includeSynthetic OR NOT n.synthetic)
  RETURN n AS a, null AS r, null AS b, null AS c
  UNION ALL
  MATCH (a:Entity)-[r]->(b:Entity)
  WHERE $scope IS NULL AND r.basis = 'inferred' AND ($includeSynthetic OR NOT a.synthetic)
  RETURN a, r, b, null AS c
  UNION ALL
  UNWIND coalesce($scope, []) AS id
  MATCH (a:Entity {id: id})-[r]->(b:Entity)
  WHERE r.basis = 'inferred' AND ($includeSynthetic OR NOT a.synthetic)
  RETURN a, r, b, null AS c
  UNION ALL
  MATCH (a:Entity)-[:STATES]->(c:Claim {basis: 'inferred'})
  WHERE ($scope IS NULL OR a.id IN $scope) AND ($includeSynthetic OR NOT a.synthetic)
  RETURN a, null AS r, null AS b, c
}
RETURN a.id AS entityId,
  CASE
    WHEN c IS NOT NULL THEN '推断的数字：' + c.statement + '（' + coalesce(c.basisNote, '') + '）'
    WHEN r IS NOT NULL THEN '推断的关系：' + a.name + ' ' + type(r) + ' ' + b.name + '（' + coalesce(r.basisNote, '') + '）'
    ELSE '推断的实体：' + a.name + '（' + coalesce(a.basisNote, '') + '）'
  END AS detail
ORDER BY entityId, detail
