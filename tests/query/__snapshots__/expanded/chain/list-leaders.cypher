// For each chain in $ids: the roles that lead it (总链长, 链长), who holds each (a description), the
// organization whose leaders hold it, and where the leadership is stated.
// $ids: [String]
UNWIND $ids AS id
MATCH (c:Entity {id: id})<-[lead:LEADS]-(role:LeadershipRole)
OPTIONAL MATCH (role)-[:HELD_WITHIN]->(org:Organization)
WITH id, role, lead, head(collect(org)) AS org
ORDER BY role.name, role.id
RETURN id, collect({role: properties(role), link: properties(lead), organization: properties(org)}) AS items
