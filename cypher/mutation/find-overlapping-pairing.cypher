// Does this partner already have a pairing of this kind with this target that is open on or after
// $validFrom (so a new one would overlap)?
// $partnerId, $targetId, $kind, $validFrom: String
MATCH (:Entity {id: $partnerId})-[r:PAIRED_WITH {kind: $kind}]->(:Entity {id: $targetId})
WHERE r.validTo IS NULL OR r.validTo >= $validFrom
RETURN r.id AS id
LIMIT 1
