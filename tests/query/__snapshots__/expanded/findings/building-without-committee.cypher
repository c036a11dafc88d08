// rule: building-without-committee
// severity: warning
// title: Commercial building with enterprises but no Party organization
// zh: 楼宇有入驻企业但无党组织
// Finds commercial buildings that enterprises sit in (LOCATED_IN) while no organization does.
// $scope: [String] or null; $asOf: ISO date (unused); $includeSynthetic: Boolean
MATCH (b:CommercialBuilding)
WHERE ($scope IS NULL OR b.id IN $scope) AND ($includeSynthetic OR NOT b.synthetic)
  AND NOT EXISTS { (:Organization)-[:LOCATED_IN]->(b) }
WITH b, COUNT { (:Enterprise)-[:LOCATED_IN]->(b) } AS enterprises
WHERE enterprises > 0
RETURN b.id AS entityId, '入驻企业 ' + toString(enterprises) + ' 家，无党组织' AS detail
