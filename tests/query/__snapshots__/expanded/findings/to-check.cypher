// rule: to-check
// severity: info
// title: Flagged for a person to check
// zh: 待人工核实
// Lists the entities and claims the dataset flags for a person to check (`toCheck`): a question the
// reports leave open, e.g. whether 001's 乐山 is the community of 003's 乐山小区 (kept apart until
// someone knows), or a figure implausible as printed (市中区's 1012). inferred-record lists what we
// judged; this lists what we could not. A claim is listed under the entity that states it; the detail
// gives the question.
// $scope: [String] or null; $asOf: ISO date (unused); $includeSynthetic: Boolean
// With a scope, each part starts from the scope's ids (the id index), never from a scan of every record.
CALL () {
  MATCH (n:Entity)
  WHERE $scope IS NULL AND n.toCheck IS NOT NULL AND ($includeSynthetic OR NOT n.synthetic)
  RETURN n AS a, null AS c
  UNION ALL
  UNWIND coalesce($scope, []) AS id
  MATCH (n:Entity {id: id})
  WHERE n.toCheck IS NOT NULL AND ($includeSynthetic OR NOT n.synthetic)
  RETURN n AS a, null AS c
  UNION ALL
  MATCH (a:Entity)-[:STATES]->(c:Claim)
  WHERE c.toCheck IS NOT NULL AND ($scope IS NULL OR a.id IN $scope) AND ($includeSynthetic OR NOT a.synthetic)
  RETURN a, c
}
RETURN a.id AS entityId,
  CASE
    WHEN c IS NOT NULL THEN '待人工核实的数字：' + c.statement + '（' + c.toCheck + '）'
    ELSE '待人工核实：' + a.name + '（' + a.toCheck + '）'
  END AS detail
ORDER BY entityId, detail
