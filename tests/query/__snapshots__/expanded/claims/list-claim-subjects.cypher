// Which entities state claims, optionally only those in $scope (ids)? Synthetic subjects (and so their
// claims) only when $includeSynthetic (server/resolvers/areas.ts showSynthetic).
// $scope: [String] or null, $includeSynthetic: Boolean
MATCH (s:Entity)-[:STATES]->(:Claim)
WHERE ($scope IS NULL OR s.id IN $scope) AND ($includeSynthetic OR NOT s.synthetic)
RETURN DISTINCT s.id AS id, properties(s) AS node
ORDER BY id
