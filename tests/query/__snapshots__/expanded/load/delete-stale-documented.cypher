// Removes documented records the seed files no longer hold, found by find-stale-documented in the same
// transaction: the relationships (by element id), then the claims, then the entities with whatever
// still touches them.
// $nodes: [String], $relationshipElements: [String], $claims: [String]
CALL () {
  UNWIND $relationshipElements AS element
  MATCH ()-[r]->()
  WHERE elementId(r) = element
  DELETE r
  RETURN count(*) AS relationships
}
CALL () {
  UNWIND $claims AS id
  MATCH (c:Claim {id: id})
  DETACH DELETE c
  RETURN count(*) AS claims
}
CALL () {
  UNWIND $nodes AS id
  MATCH (n:Entity {id: id})
  DETACH DELETE n
  RETURN count(*) AS nodes
}
RETURN nodes, relationships, claims
