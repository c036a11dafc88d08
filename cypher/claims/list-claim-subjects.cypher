// Which entities state claims, optionally only those in $scope (ids)?
// $scope: [String] or null
MATCH (s:Entity)-[:STATES]->(:Claim)
WHERE $scope IS NULL OR s.id IN $scope
RETURN DISTINCT s.id AS id, properties(s) AS node
ORDER BY id
