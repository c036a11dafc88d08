// The claims $ids as stored, with the entities that state them.
// $ids: [String]
UNWIND $ids AS id
MATCH (c:Claim {id: id})
OPTIONAL MATCH (s:Entity)-[:STATES]->(c)
RETURN c.id AS id, properties(c) AS props, collect(s.id) AS subjects
