// How much synthetic data whose id starts with $prefix does the graph hold? Nodes by kind,
// relationships (going out of those nodes) by type, and claims.
// $prefix: String, e.g. 'syn-' (all synthetic data) or 'syn-c42-' (one seed and scale)
CALL () {
  MATCH (n:Synthetic) WHERE n.id STARTS WITH $prefix
  WITH n.kind AS key, count(*) AS count ORDER BY key
  RETURN collect({key: key, count: count}) AS nodes
}
CALL () {
  MATCH (n:Synthetic)-[r]->() WHERE n.id STARTS WITH $prefix
  WITH type(r) AS key, count(*) AS count ORDER BY key
  RETURN collect({key: key, count: count}) AS relationships
}
CALL () {
  MATCH (c:Claim) WHERE c.synthetic = true AND c.id STARTS WITH $prefix
  RETURN count(c) AS claims
}
RETURN nodes, relationships, claims
