// The coverage lens: an area's target places (villages; communities for UnitCommunity) coloured by
// pairing status on $asOf, the places they lie in directly, and the partners paired with them (pairings
// started by $asOf), as Cytoscape elements.
// $areaId: String, $targetLabel: 'Village' or 'Community', $kind: pairing kind, $asOf: ISO date, $limit: Int
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
WITH a, [t IN places WHERE $targetLabel IN labels(t)][..$limit] AS targets
CALL (targets) {
  UNWIND targets AS t
  OPTIONAL MATCH (t)-[up:PART_OF]->(container:Place)
  OPTIONAL MATCH (t)<-[r:PAIRED_WITH {kind: $kind}]-(partner:Entity)
  WHERE coalesce(r.validFrom, '0000-01-01') <= $asOf
  WITH t, up, container, r, partner,
    EXISTS {
      MATCH (t)<-[p:PAIRED_WITH {kind: $kind}]-()
      CALL (p) { // active-on: cypher/fragments/active-on.cypher
        WITH p AS r, $asOf AS day
        RETURN day IS NULL OR (coalesce(r.validFrom, '0000-01-01') <= day AND (r.validTo IS NULL OR r.validTo >= day)) AS active
      }
      WITH p WHERE active
    } AS paired,
    EXISTS { MATCH (t)<-[p:PAIRED_WITH {kind: $kind}]-() WHERE p.validTo < $asOf } AS hadEnded
  RETURN collect(DISTINCT {id: t.id, label: coalesce(t.displayName, t.name), kind: t.kind, synthetic: t.synthetic, basis: t.basis,
           pairing: CASE WHEN paired THEN 'paired' WHEN hadEnded THEN 'ended' ELSE 'unpaired' END}) AS targetNodes,
         collect(DISTINCT CASE WHEN container IS NULL THEN null ELSE {id: container.id, label: coalesce(container.displayName, container.name), kind: container.kind, synthetic: container.synthetic, basis: container.basis, pairing: null} END) AS containerNodes,
         collect(DISTINCT CASE WHEN partner IS NULL THEN null ELSE {id: partner.id, label: coalesce(partner.displayName, partner.name), kind: partner.kind, synthetic: partner.synthetic, basis: partner.basis, pairing: null} END) AS partnerNodes,
         collect(DISTINCT CASE WHEN up IS NULL THEN null ELSE {id: up.id, source: t.id, target: container.id, label: 'PART_OF', basis: up.basis, status: null} END) AS partOfEdges,
         collect(DISTINCT CASE WHEN r IS NULL THEN null ELSE {id: r.id, source: partner.id, target: t.id, label: 'PAIRED_WITH', basis: r.basis,
           status: CASE WHEN r.validTo IS NOT NULL AND r.validTo < $asOf THEN 'ended' ELSE 'active' END} END) AS pairingEdges
}
RETURN targetNodes + containerNodes + partnerNodes AS nodes, partOfEdges + pairingEdges AS edges, false AS truncated
