// For each entity in $ids: the claims (stated counts and rates) its reports make, each with what the
// graph counts for the same metric today, or null when the graph cannot count it (rates, members …).
// The entity's reach: its places (cypher/fragments/area-places.cypher; grids are counted one step
// further, inside the villages and communities among them); an organization's descendants.
// Only the claims in force on $asOf (each subject+metric's latest that has begun and is not yet
// superseded: c.asOfFrom <= $asOf and no claim superseding it has begun), unless $history asks for all.
// $ids: [String], $asOf: ISO date (claims in force, active pairings), $history: Boolean
UNWIND $ids AS id
MATCH (s:Entity {id: id})-[:STATES]->(stated:Claim)
OPTIONAL MATCH (later:Claim {supersedes: stated.id})
WITH id, s, stated, later,
  coalesce(stated.asOfFrom, '0000-01-01') <= $asOf
    AND (later IS NULL OR coalesce(later.asOfFrom, '0000-01-01') > $asOf) AS current
WHERE $history OR current
WITH id, s, collect(stated {.*, supersededBy: later.id, current: current}) AS claims
CALL (s) { // area-places: cypher/fragments/area-places.cypher
  WITH s AS a
  CALL (a) {
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
  RETURN places AS reach, parts AS reachParts
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
    WHEN 'grids' THEN COUNT { UNWIND reach AS p MATCH (g:Grid)-[:PART_OF*0..1]->(p) RETURN DISTINCT g }
    WHEN 'organizations' THEN size(descendants)
    WHEN 'branches' THEN size([d IN descendants WHERE d:Branch])
    WHEN 'generalBranches' THEN size([d IN descendants WHERE d:GeneralBranch])
    WHEN 'groups' THEN size([d IN descendants WHERE d:Group])
    WHEN 'partyCommittees' THEN size([d IN descendants WHERE d:PartyCommittee])
    WHEN 'subdistrictWorkingCommittees' THEN size([d IN descendants WHERE d:SubdistrictWorkingCommittee])
    WHEN 'jointCommittees' THEN size([d IN descendants WHERE d:JointCommittee])
    // A committee that names the lists it is counted in (committeeLists: 000's 10 行业党委 and 3 新业态党委)
    // counts only in those; one without counts as an industry committee.
    WHEN 'industryCommittees' THEN size([d IN descendants WHERE d:IndustryCommittee AND (d.committeeLists IS NULL OR '行业党委' IN d.committeeLists)])
    WHEN 'newSectorCommittees' THEN size([d IN descendants WHERE d:IndustryCommittee AND '新业态党委' IN coalesce(d.committeeLists, [])])
    WHEN 'gridOrganizations' THEN size([d IN descendants WHERE EXISTS { (d)-[:GOVERNS]->(:Grid) }])
    WHEN 'enterpriseVillagePairings' THEN COUNT {
      MATCH (e:Enterprise)-[r:PAIRED_WITH {kind: 'EnterpriseVillage'}]->(v:Village)
      WHERE v IN villages
      CALL (r) { // active-on: cypher/fragments/active-on.cypher
        WITH r, $asOf AS day
        RETURN day IS NULL OR (coalesce(r.validFrom, '0000-01-01') <= day AND (r.validTo IS NULL OR r.validTo >= day)) AS active
      }
      WITH e, active WHERE active
      RETURN DISTINCT e }
    WHEN 'communityVillagePairings' THEN COUNT {
      MATCH (m:Community)-[r:PAIRED_WITH {kind: 'CommunityVillage'}]->(v:Village)
      WHERE v IN villages
      CALL (r) { // active-on: cypher/fragments/active-on.cypher
        WITH r, $asOf AS day
        RETURN day IS NULL OR (coalesce(r.validFrom, '0000-01-01') <= day AND (r.validTo IS NULL OR r.validTo >= day)) AS active
      }
      WITH m, active WHERE active
      RETURN DISTINCT m }
    WHEN 'unitCommunityRegistrations' THEN COUNT {
      MATCH (m:Community)<-[r:PAIRED_WITH {kind: 'UnitCommunity'}]-()
      WHERE m IN communities
      CALL (r) { // active-on: cypher/fragments/active-on.cypher
        WITH r, $asOf AS day
        RETURN day IS NULL OR (coalesce(r.validFrom, '0000-01-01') <= day AND (r.validTo IS NULL OR r.validTo >= day)) AS active
      }
      WITH m, active WHERE active
      RETURN DISTINCT m }
    WHEN 'alliances' THEN COUNT {
      // led from the subject's tree, with members in its places, or itself located in them (历城's 片区 alliances)
      MATCH (a:Alliance) WHERE EXISTS { (a)<-[:LEADS]-(o) WHERE o = s OR o IN descendants } OR EXISTS { (a)<-[:MEMBER_OF]-(p) WHERE p IN reach }
        OR EXISTS { (a)-[:LOCATED_IN]->(p) WHERE p IN reach }
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
