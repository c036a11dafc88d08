// For each entity in $ids: the claims (stated counts and rates) its reports make, each with what the
// graph counts for the same metric today, or null when the graph cannot count it (rates, members …).
// The entity's reach: a place and everything within it; an organization's or alliance's governed,
// covered and member places and everything within them; an organization's descendants.
// $ids: [String], $asOf: ISO date (for active pairings)
UNWIND $ids AS id
MATCH (s:Entity {id: id})-[:STATES]->(c:Claim)
WITH id, s, collect(c) AS claims
CALL (s) {
  OPTIONAL MATCH (s)-[:GOVERNS|COVERS]->(governed:Place)
  OPTIONAL MATCH (member:Place)-[:MEMBER_OF]->(s)
  WITH s, collect(DISTINCT governed) AS governedPlaces, collect(DISTINCT member) AS members
  UNWIND CASE WHEN s:Place THEN [s] ELSE [] END + governedPlaces + members AS root
  OPTIONAL MATCH (root)<-[:PART_OF*0..8]-(p:Place)
  RETURN collect(DISTINCT p) AS reach
}
CALL (s) {
  OPTIONAL MATCH (d:Organization)-[:REPORTS_TO*1..10]->(s)
  RETURN collect(DISTINCT d) AS descendants
}
UNWIND claims AS c
WITH id, s, c, reach, descendants,
  [p IN reach WHERE p:Village] AS villages,
  [p IN reach WHERE p:Community] AS communities
RETURN id, collect(c {
  .*,
  graphValue: CASE c.metric
    WHEN 'villages' THEN size(villages)
    WHEN 'communities' THEN size(communities)
    WHEN 'subdistricts' THEN size([p IN reach WHERE p:Subdistrict])
    WHEN 'grids' THEN size([p IN reach WHERE p:Grid])
    WHEN 'organizations' THEN size(descendants)
    WHEN 'branches' THEN size([d IN descendants WHERE d:Branch])
    WHEN 'generalBranches' THEN size([d IN descendants WHERE d:GeneralBranch])
    WHEN 'groups' THEN size([d IN descendants WHERE d:Group])
    WHEN 'partyCommittees' THEN size([d IN descendants WHERE d:PartyCommittee])
    WHEN 'subdistrictWorkingCommittees' THEN size([d IN descendants WHERE d:SubdistrictWorkingCommittee])
    WHEN 'jointCommittees' THEN size([d IN descendants WHERE d:JointCommittee])
    WHEN 'industryCommittees' THEN size([d IN descendants WHERE d:IndustryCommittee])
    WHEN 'gridOrganizations' THEN size([d IN descendants WHERE EXISTS { (d)-[:GOVERNS]->(:Grid) }])
    WHEN 'enterpriseVillagePairings' THEN COUNT {
      MATCH (e:Enterprise)-[r:PAIRED_WITH {kind: 'EnterpriseVillage'}]->(v:Village)
      WHERE v IN villages AND coalesce(r.validFrom, '0000-01-01') <= $asOf AND (r.validTo IS NULL OR r.validTo >= $asOf)
      RETURN DISTINCT e }
    WHEN 'communityVillagePairings' THEN COUNT {
      MATCH (m:Community)-[r:PAIRED_WITH {kind: 'CommunityVillage'}]->(v:Village)
      WHERE v IN villages AND coalesce(r.validFrom, '0000-01-01') <= $asOf AND (r.validTo IS NULL OR r.validTo >= $asOf)
      RETURN DISTINCT m }
    WHEN 'unitCommunityRegistrations' THEN COUNT {
      MATCH (m:Community)<-[r:PAIRED_WITH {kind: 'UnitCommunity'}]-()
      WHERE m IN communities AND coalesce(r.validFrom, '0000-01-01') <= $asOf AND (r.validTo IS NULL OR r.validTo >= $asOf)
      RETURN DISTINCT m }
    WHEN 'alliances' THEN COUNT {
      MATCH (a:Alliance) WHERE EXISTS { (a)<-[:LEADS]-(o) WHERE o = s OR o IN descendants } OR EXISTS { (a)<-[:MEMBER_OF]-(p) WHERE p IN reach }
      RETURN DISTINCT a }
    WHEN 'industryChains' THEN COUNT {
      MATCH (ch:IndustryChain {kind: 'IndustryChain'}) WHERE EXISTS { (ch)<-[:LEADS]-(:LeadershipRole)-[:HELD_WITHIN]->(o) WHERE o = s OR o IN descendants }
      RETURN DISTINCT ch }
    WHEN 'subChains' THEN COUNT {
      MATCH (ch:IndustryChain {kind: 'SubChain'})
      WHERE EXISTS { (ch)-[:SUB_CHAIN_OF*0..3]->(:IndustryChain)<-[:LEADS]-(x) WHERE x = s OR x IN descendants OR EXISTS { (x)-[:HELD_WITHIN]->(o) WHERE o = s OR o IN descendants } }
      RETURN DISTINCT ch }
    ELSE null
  END
}) AS items
