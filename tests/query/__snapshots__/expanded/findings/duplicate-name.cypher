// rule: duplicate-name
// severity: info
// title: Two entities with the same name and kind in one area (likely duplicates)
// zh: 同一区域内同名同类（疑似重复）
// Finds entities sharing name and kind under the same parent (place or organization).
// $scope: [String] or null; $asOf: ISO date (unused); $includeSynthetic: Boolean
MATCH (n:Entity)-[:PART_OF|REPORTS_TO]->(parent:Entity)
WHERE ($scope IS NULL OR n.id IN $scope) AND ($includeSynthetic OR NOT n.synthetic)
WITH parent, n.kind AS kind, n.name AS name, collect(n) AS same
WHERE size(same) > 1
UNWIND same AS n
RETURN n.id AS entityId, '与 ' + toString(size(same) - 1) + ' 个同名' + kind + '同属 ' + parent.name AS detail
