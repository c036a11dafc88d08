// Which industry chains belong to an area, or all chains when $areaId is null? A chain belongs to the
// area when it is led by one of the area's organizations (the area itself if an organization, and the
// organizations governing, covering or sitting in its places, cypher/fragments/area-places.cypher),
// by one reporting to them (up to 3 levels), or by a role held within any of those; sub-chains come
// with their chain. Listed: chains with no parent chain in the list. The same notion of an area as
// coverage, pairings and the audit's claims.
// $areaId: String or null, $includeSynthetic: Boolean
CALL () {
  MATCH (c:IndustryChain) WHERE $areaId IS NULL RETURN c
  UNION
  MATCH (a:Entity {id: $areaId})
  CALL (a) { // area-places: cypher/fragments/area-places.cypher
    WITH a, false AS inside
    CALL (a, inside) { // area-walk: cypher/fragments/area-walk.cypher
      OPTIONAL MATCH (a)-[:GOVERNS|COVERS]->(governed:Place)
      OPTIONAL MATCH (member:Place)-[:MEMBER_OF]->(a)
      WITH a, inside, CASE WHEN a:Place THEN [a] ELSE [] END + collect(DISTINCT governed) + collect(DISTINCT member) AS roots
      UNWIND roots AS root
      OPTIONAL MATCH (root) ((up)<-[:PART_OF]-() WHERE inside OR NOT up.kind IN ['Village', 'Community', 'Grid', 'ResidentialCompound', 'ResidentialBuilding', 'CommercialBuilding']){0,9} (p)
      WITH CASE size(up) WHEN 0 THEN null WHEN 1 THEN p ELSE up[1] END AS part,
           collect(DISTINCT CASE WHEN size(up) <= 8 THEN p END) AS within, collect(DISTINCT p) AS below
      WITH collect(within) AS lists, collect(CASE WHEN part IS NOT NULL THEN {part: part, places: below} END) AS parts
      CALL (lists) {
        UNWIND lists AS list
        UNWIND list AS p
        RETURN collect(DISTINCT p) AS places
      }
      RETURN places, parts
    }
    RETURN places, parts
  }
  CALL (places) {
    UNWIND places AS p
    MATCH (o:Organization)-[:GOVERNS|COVERS|LOCATED_IN]->(p)
    RETURN collect(DISTINCT o) AS around
  }
  WITH around + CASE WHEN a:Organization THEN [a] ELSE [] END AS orgs
  MATCH (led:IndustryChain)<-[:LEADS]-(leader)
  OPTIONAL MATCH (leader)-[:HELD_WITHIN]->(within:Organization)
  WITH orgs, led, coalesce(within, leader) AS leaderOrg
  WHERE EXISTS { MATCH (leaderOrg)-[:REPORTS_TO*0..3]->(top:Organization) WHERE top IN orgs }
  MATCH (led)<-[:SUB_CHAIN_OF*0..3]-(chain:IndustryChain)
  RETURN chain AS c
}
WITH collect(DISTINCT c) AS chains
UNWIND chains AS c
WITH c, chains WHERE ($includeSynthetic OR NOT c.synthetic) AND NOT EXISTS {
  MATCH (c)-[:SUB_CHAIN_OF]->(parent) WHERE parent IN chains
}
RETURN properties(c) AS node
ORDER BY c.synthetic, c.kind, c.name, c.id
