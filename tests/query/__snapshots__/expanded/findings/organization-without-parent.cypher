// rule: organization-without-parent
// severity: warning
// title: Party organization with no parent (other than a district committee)
// zh: 党组织无上级
// Finds organizations that report to no one, except district committees, which are the top.
// $scope: [String] or null; $asOf: ISO date (unused); $includeSynthetic: Boolean
MATCH (o:Organization)
WHERE NOT o:DistrictCommittee AND ($scope IS NULL OR o.id IN $scope) AND ($includeSynthetic OR NOT o.synthetic)
  AND NOT EXISTS { (o)-[:REPORTS_TO]->(:Organization) }
RETURN o.id AS entityId, '未记录上级党组织' AS detail
