// For each chain in $ids: the roles that lead it (总链长, 链长), who holds each (a description), the
// organization whose leaders hold it, and where the leadership is stated. The rule is
// cypher/fragments/chain-leaders.cypher (the compiled read path uses it too).
// $ids: [String]
UNWIND $ids AS id
MATCH (c:Entity {id: id})
CALL (c) { // chain-leaders: cypher/fragments/chain-leaders.cypher
  MATCH (c)<-[lead:LEADS]-(role:LeadershipRole)
  OPTIONAL MATCH (role)-[:HELD_WITHIN]->(org:Organization)
  WITH role, lead, head(collect(org)) AS org
  ORDER BY role.name, role.id
  RETURN collect([role, lead, org]) AS leads
}
RETURN id, [x IN leads | {role: properties(x[0]), link: properties(x[1]), organization: properties(x[2])}] AS items
