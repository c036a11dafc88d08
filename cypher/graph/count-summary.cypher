// Summarises the loaded graph: nodes by label, relationships by type, facts with sources, claims.
// No parameters.
// returns: nodes: number, syntheticNodes: number, sourcedNodes: number, sourcedRelationships: number, claims: number, byLabel: { key: string; count: number }[], byType: { key: string; count: number }[]
CALL () {
  MATCH (n:Entity) UNWIND labels(n) AS label
  WITH label, count(*) AS n WHERE label <> 'Entity'
  RETURN collect({key: label, count: n}) AS byLabel
}
CALL () {
  MATCH ()-[r]->() WITH type(r) AS type, count(*) AS n
  RETURN collect({key: type, count: n}) AS byType
}
CALL () {
  MATCH (n:Entity) WHERE size(coalesce(n.sourceDocuments, [])) > 0 RETURN count(n) AS sourcedNodes
}
CALL () {
  MATCH ()-[r]->() WHERE size(coalesce(r.sourceDocuments, [])) > 0 RETURN count(r) AS sourcedRelationships
}
CALL () {
  MATCH (c:Claim) RETURN count(c) AS claims
}
CALL () {
  MATCH (n:Entity) RETURN sum(CASE WHEN n.synthetic THEN 1 ELSE 0 END) AS syntheticNodes, count(n) AS nodes
}
RETURN byLabel, byType, sourcedNodes, sourcedRelationships, claims, syntheticNodes, nodes
