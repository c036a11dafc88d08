// rule: hierarchy-cycle
// severity: critical
// title: Cycle in the leadership hierarchy
// zh: 隶属关系成环
// Finds organizations that, following REPORTS_TO upwards, come back to themselves.
// $scope: [String] or null; $asOf: ISO date (unused); $includeSynthetic: Boolean
MATCH p = (o:Organization)-[:REPORTS_TO*1..20]->(o)
WHERE ($scope IS NULL OR o.id IN $scope) AND ($includeSynthetic OR NOT o.synthetic)
WITH o, min(length(p)) AS steps
RETURN o.id AS entityId, '沿上级关系 ' + toString(steps) + ' 步回到自身' AS detail
