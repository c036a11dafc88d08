// Creates a pairing (PAIRED_WITH) from partner $partnerId to target place $targetId.
// $partnerId: String, $targetId: String, $props: Map (id, kind, programme, status, validFrom, reason,
// replaces, synthetic, provenance)
MATCH (partner:Entity {id: $partnerId}), (target:Place {id: $targetId})
CREATE (partner)-[r:PAIRED_WITH]->(target)
SET r = $props
RETURN properties(r) AS pairing, properties(partner) AS partner, properties(target) AS target
