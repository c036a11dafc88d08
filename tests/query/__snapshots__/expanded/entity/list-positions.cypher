// For each entity in $ids: the positions held there (as a place of work) or by it (as a person),
// with the title and sources of each (HOLDS_POSITION).
// $ids: [String]
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  MATCH (n)-[r:HOLDS_POSITION]->(at:Entity) RETURN n AS person, r, at
  UNION
  MATCH (person:Person)-[r:HOLDS_POSITION]->(n) RETURN person, r, n AS at
}
WITH id, person, r, at ORDER BY person.name, at.name
RETURN id, collect({person: properties(person), link: properties(r), at: properties(at)}) AS items
