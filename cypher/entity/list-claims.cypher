// For each entity in $ids: the claims (stated counts and rates) its reports make.
// $ids: [String]
UNWIND $ids AS id
MATCH (n:Entity {id: id})-[:STATES]->(c:Claim)
WITH id, c ORDER BY c.metric, c.id
RETURN id, collect(properties(c)) AS items
