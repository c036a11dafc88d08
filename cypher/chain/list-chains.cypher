// Which industry chains belong to an area, or all chains when $areaId is null? A chain belongs to the
// area when a role held within the area's organizations (or one of those organizations, or one they
// lead) leads it; sub-chains come with their chain. Listed: chains with no parent chain in the list.
// $areaId: String or null, $includeSynthetic: Boolean
CALL () {
  MATCH (c:IndustryChain) WHERE $areaId IS NULL RETURN c
  UNION
  MATCH (a:Entity {id: $areaId})
  OPTIONAL MATCH (governing:Organization)-[:GOVERNS]->(a)
  WITH a, collect(governing) AS governingOrgs
  WITH CASE WHEN a:Organization THEN [a] ELSE [] END + governingOrgs AS orgs
  UNWIND orgs AS org
  CALL (org) {
    MATCH (org)<-[:HELD_WITHIN]-(:LeadershipRole)-[:LEADS]->(c:IndustryChain) RETURN c
    UNION
    MATCH (org)<-[:REPORTS_TO*0..3]-(:Organization)-[:LEADS]->(c:IndustryChain) RETURN c
  }
  MATCH (c)<-[:SUB_CHAIN_OF*0..3]-(chain:IndustryChain)
  RETURN chain AS c
}
WITH collect(DISTINCT c) AS chains
UNWIND chains AS c
WITH c, chains WHERE ($includeSynthetic OR NOT c.synthetic) AND NOT EXISTS {
  MATCH (c)-[:SUB_CHAIN_OF]->(parent) WHERE parent IN chains
}
RETURN properties(c) AS node
ORDER BY c.synthetic, c.kind, c.name, c.id
