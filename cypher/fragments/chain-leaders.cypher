// fragment: chain-leaders(c) -> leads
// Who leads an industry chain, decided here once for the leaders loader (chain/list-leaders) and the
// compiled read path (cypher/fields/IndustryChain.leaders.cypher): the roles that lead it (LEADS, 总链长,
// 链长) with the organization whose leaders hold each (HELD_WITHIN, the first when a role names several;
// null when none), in role name order. One row, `leads`: a list of [role, the LEADS relationship,
// organization] ([] when none), so each caller projects only what it needs of them.
// params: none
MATCH (c)<-[lead:LEADS]-(role:LeadershipRole)
OPTIONAL MATCH (role)-[:HELD_WITHIN]->(org:Organization)
WITH role, lead, head(collect(org)) AS org
ORDER BY role.name, role.id
RETURN collect([role, lead, org]) AS leads
