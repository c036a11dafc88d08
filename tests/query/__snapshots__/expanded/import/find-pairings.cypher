// The pairings with ids $ids as stored, with their partner and target.
// $ids: [String]
UNWIND $ids AS id
MATCH (partner:Entity)-[r:PAIRED_WITH {id: id}]->(target:Entity)
RETURN r.id AS id, properties(r) AS props, partner.id AS partnerId, target.id AS targetId
