// The entity a mutation is about to change, with its parent organization and parent place, read in
// the mutation's own transaction.
// $id: String
MATCH (n:Entity {id: $id})
OPTIONAL MATCH (n)-[:REPORTS_TO]->(org:Organization)
OPTIONAL MATCH (n)-[:PART_OF]->(place:Place)
RETURN properties(n) AS node, org.id AS parentOrganization, place.id AS parentPlace
LIMIT 1
