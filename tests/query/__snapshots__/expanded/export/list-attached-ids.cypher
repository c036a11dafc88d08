// Which entities hang on the entities $ids without lying under them: anything with a link into one of
// them (a person's position, a role held within, a unit located in or paired with, a site run),
// the alliances they are members of, and the chains (with sub-chains) they lead or sit on. A subtree
// export takes these along so that it holds every link of its members.
// $ids: [String]
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  MATCH (n)<--(x:Entity)
  RETURN x
  UNION
  MATCH (n)-[:MEMBER_OF]->(x:Alliance)
  RETURN x
  UNION
  MATCH (n)-[:LEADS|ON_CHAIN]->(:IndustryChain)<-[:SUB_CHAIN_OF*0..3]-(x:IndustryChain)
  RETURN x
  UNION
  MATCH (n)-[:SUB_CHAIN_OF*1..3]->(x:IndustryChain)
  RETURN x
}
RETURN DISTINCT x.id AS id
