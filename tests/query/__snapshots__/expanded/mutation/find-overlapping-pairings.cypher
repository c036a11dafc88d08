// Which pairings of $kind between $partnerId and $targetId are still open on or after $validFrom (no
// end, or an end on or after it), so that a new one starting on $validFrom would overlap them?
// $partnerId: String, $targetId: String, $kind: String, $validFrom: ISO date
MATCH (:Entity {id: $partnerId})-[r:PAIRED_WITH {kind: $kind}]->(:Entity {id: $targetId})
WHERE r.validTo IS NULL OR r.validTo >= $validFrom
RETURN r.id AS id, r.validFrom AS validFrom, r.validTo AS validTo
ORDER BY r.id
