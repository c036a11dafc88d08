// rule: chain-without-leader
// severity: warning
// title: Industry chain with no leader role
// zh: 产业链无链长
// Finds chains and sub-chains that no leadership role (总链长, 链长) leads, directly or through the
// chain they belong to.
// $scope: [String] or null; $asOf: ISO date (unused); $includeSynthetic: Boolean
MATCH (c:IndustryChain)
WHERE ($scope IS NULL OR c.id IN $scope OR EXISTS { (c)<-[:LEADS|ON_CHAIN]-(x) WHERE x.id IN $scope })
  AND ($includeSynthetic OR NOT c.synthetic)
  AND NOT EXISTS { (c)-[:SUB_CHAIN_OF*0..3]->(:IndustryChain)<-[:LEADS]-(:LeadershipRole) }
RETURN c.id AS entityId, '未记录链长（总链长/链长）' AS detail
