// Locks pairing $id for the rest of the write transaction (see lock-entities) and reads it as it now
// is, with its partner and target; no row when there is none.
// $id: String
MATCH (partner:Entity)-[r:PAIRED_WITH {id: $id}]->(target:Place)
// @use lock(r) -> locked
RETURN properties(r) AS pairing, properties(partner) AS partner, properties(target) AS target
