// For each organization in $ids: the other organizations with the same parent.
// $ids: [String], $limit: how many siblings at most per organization
UNWIND $ids AS id
MATCH (n:Entity {id: id})-[:REPORTS_TO]->(:Organization)<-[:REPORTS_TO]-(s:Organization)
WHERE s <> n
WITH id, s ORDER BY s.synthetic, s.name, s.id
RETURN id, collect(properties(s))[..$limit] AS items
