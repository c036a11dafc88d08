// rule: pairing-with-dissolved-party
// severity: error
// title: Active pairing whose enterprise or village no longer exists
// zh: 结对一方已撤销
// Finds pairings still active on $asOf whose partner or target was dissolved (dissolvedOn on or
// before $asOf): the pairing should have been ended or re-matched.
// $scope: [String] or null; $asOf: ISO date; $includeSynthetic: Boolean
MATCH (p:Entity)-[r:PAIRED_WITH]->(t:Entity)
WHERE ($scope IS NULL OR t.id IN $scope OR p.id IN $scope) AND ($includeSynthetic OR NOT r.synthetic)
  AND (p.dissolvedOn <= $asOf OR t.dissolvedOn <= $asOf)
CALL (r) { // active-on: cypher/fragments/active-on.cypher
  WITH r, $asOf AS day
  RETURN day IS NULL OR (coalesce(r.validFrom, '0000-01-01') <= day AND (r.validTo IS NULL OR r.validTo >= day)) AS active
}
WITH p, r, t WHERE active
WITH r, CASE WHEN p.dissolvedOn <= $asOf THEN p ELSE t END AS gone
RETURN gone.id AS entityId, '结对 ' + r.id + ' 仍有效，但' + gone.name + '已于 ' + gone.dissolvedOn + ' 撤销' AS detail
