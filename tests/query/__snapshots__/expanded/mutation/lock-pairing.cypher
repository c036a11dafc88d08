// Locks pairing $id for the rest of the write transaction (see lock-entities) and reads it as it now
// is, with its partner and target; no row when there is none.
// $id: String
MATCH (partner:Entity)-[r:PAIRED_WITH {id: $id}]->(target:Place)
CALL (r) { // lock: cypher/fragments/lock.cypher
  WITH r AS item
  SET item._lock = true
  REMOVE item._lock
  RETURN item AS locked
}
RETURN properties(r) AS pairing, properties(partner) AS partner, properties(target) AS target
