// Every pairing stored between each partner and target of $pairs (any kind, any time), so the import
// can refuse one that overlaps another of the same kind.
// $pairs: [{ partnerId: String, targetId: String }]
UNWIND $pairs AS pair
MATCH (:Entity {id: pair.partnerId})-[r:PAIRED_WITH]->(:Entity {id: pair.targetId})
RETURN r.id AS id, r.kind AS kind, pair.partnerId AS partnerId, pair.targetId AS targetId,
       r.validFrom AS validFrom, r.validTo AS validTo
