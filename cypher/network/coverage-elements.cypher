// The coverage lens: an area's target places (villages; communities for UnitCommunity) coloured by
// pairing status on $asOf, the places they lie in directly, and the partners paired with them (pairings
// started by $asOf), as Cytoscape elements.
// $areaId: String, $targetLabel: 'Village' or 'Community', $kind: pairing kind, $asOf: ISO date, $limit: Int
MATCH (a:Entity {id: $areaId})
// @use area-places(a) -> places, parts
WITH a, [t IN places WHERE $targetLabel IN labels(t)][..$limit] AS targets
CALL (targets) {
  UNWIND targets AS t
  OPTIONAL MATCH (t)-[up:PART_OF]->(container:Place)
  OPTIONAL MATCH (t)<-[r:PAIRED_WITH {kind: $kind}]-(partner:Entity)
  WHERE coalesce(r.validFrom, '0000-01-01') <= $asOf
  WITH t, up, container, r, partner,
    EXISTS {
      MATCH (t)<-[p:PAIRED_WITH {kind: $kind}]-()
      // @use active-on(p, $asOf) -> active
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
