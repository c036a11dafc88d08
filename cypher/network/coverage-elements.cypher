// The coverage lens: an area's target places (villages; communities for UnitCommunity) coloured by
// pairing status on $asOf, the places they lie in directly, and the partners paired with them (pairings
// started by $asOf), as Cytoscape elements.
// $areaId: String, $targetLabel: 'Village' or 'Community', $kind: pairing kind, $asOf: ISO date, $limit: Int
MATCH (a:Entity {id: $areaId})
OPTIONAL MATCH (a)-[:GOVERNS|COVERS]->(governed:Place)
OPTIONAL MATCH (member:Place)-[:MEMBER_OF]->(a)
WITH a, CASE WHEN a:Place THEN [a] ELSE [] END + collect(DISTINCT governed) + collect(DISTINCT member) AS roots
UNWIND roots AS root
MATCH (root)<-[:PART_OF*0..8]-(t:$($targetLabel))
WITH a, collect(DISTINCT t)[..$limit] AS targets
CALL (targets) {
  UNWIND targets AS t
  OPTIONAL MATCH (t)-[up:PART_OF]->(container:Place)
  OPTIONAL MATCH (t)<-[r:PAIRED_WITH {kind: $kind}]-(partner:Entity)
  WHERE coalesce(r.validFrom, '0000-01-01') <= $asOf
  WITH t, up, container, r, partner,
    EXISTS { MATCH (t)<-[p:PAIRED_WITH {kind: $kind}]-() WHERE coalesce(p.validFrom, '0000-01-01') <= $asOf AND (p.validTo IS NULL OR p.validTo >= $asOf) } AS paired,
    EXISTS { MATCH (t)<-[p:PAIRED_WITH {kind: $kind}]-() WHERE p.validTo < $asOf } AS hadEnded
  RETURN collect(DISTINCT {id: t.id, label: t.name, kind: t.kind, synthetic: t.synthetic,
           pairing: CASE WHEN paired THEN 'paired' WHEN hadEnded THEN 'ended' ELSE 'unpaired' END}) AS targetNodes,
         collect(DISTINCT CASE WHEN container IS NULL THEN null ELSE {id: container.id, label: container.name, kind: container.kind, synthetic: container.synthetic, pairing: null} END) AS containerNodes,
         collect(DISTINCT CASE WHEN partner IS NULL THEN null ELSE {id: partner.id, label: partner.name, kind: partner.kind, synthetic: partner.synthetic, pairing: null} END) AS partnerNodes,
         collect(DISTINCT CASE WHEN up IS NULL THEN null ELSE {id: up.id, source: t.id, target: container.id, label: 'PART_OF', status: null} END) AS partOfEdges,
         collect(DISTINCT CASE WHEN r IS NULL THEN null ELSE {id: r.id, source: partner.id, target: t.id, label: 'PAIRED_WITH',
           status: CASE WHEN r.validTo IS NOT NULL AND r.validTo < $asOf THEN 'ended' ELSE 'active' END} END) AS pairingEdges
}
RETURN targetNodes + containerNodes + partnerNodes AS nodes, partOfEdges + pairingEdges AS edges, false AS truncated
