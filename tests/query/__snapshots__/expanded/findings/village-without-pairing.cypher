// rule: village-without-pairing
// severity: warning
// title: Village with no active enterprise pairing
// zh: 村无有效企业结对
// Finds villages that no enterprise is paired with (企业联村) on $asOf.
// $scope: [String] ids to look at, or null for the whole graph; $asOf: ISO date; $includeSynthetic: Boolean
MATCH (v:Village)
WHERE ($scope IS NULL OR v.id IN $scope) AND ($includeSynthetic OR NOT v.synthetic)
  AND NOT EXISTS {
    MATCH (v)<-[r:PAIRED_WITH {kind: 'EnterpriseVillage'}]-()
    CALL (r) { // active-on: cypher/fragments/active-on.cypher
      WITH r, $asOf AS day
      RETURN day IS NULL OR (coalesce(r.validFrom, '0000-01-01') <= day AND (r.validTo IS NULL OR r.validTo >= day)) AS active
    }
    WITH r WHERE active
  }
OPTIONAL MATCH (v)-[:PART_OF]->(s:Place)
RETURN v.id AS entityId, '无有效企业结对（' + coalesce(s.name, '所属街道未知') + '）' AS detail
