// rule: joint-committee-across-subdistricts
// severity: error
// title: Joint committee covering villages in more than one subdistrict
// zh: 联合党委跨街道覆盖村
// Finds joint committees whose covered villages lie in two or more subdistricts.
// $scope: [String] or null; $asOf: ISO date (unused); $includeSynthetic: Boolean
MATCH (j:JointCommittee)-[:COVERS]->(:Village)-[:PART_OF]->(s:Subdistrict)
WHERE ($scope IS NULL OR j.id IN $scope) AND ($includeSynthetic OR NOT j.synthetic)
WITH j, collect(DISTINCT s.name) AS subdistricts
WHERE size(subdistricts) > 1
RETURN j.id AS entityId, '覆盖的村分属：' + reduce(text = '', name IN subdistricts | text + CASE WHEN text = '' THEN '' ELSE '、' END + name) AS detail
