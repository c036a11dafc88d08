// What does the chains lens draw for a set of chains and buildings? Each chain with everything within
// two steps along the chain relationships (sub-chains, leading roles and the organizations they are
// held within, enterprises on the chain), each building or park with what is located in it, cut at
// $limit nodes (the chains and buildings themselves first), and every edge among the nodes returned,
// as Cytoscape elements. One query for the whole lens, whatever the number of chains.
// $chainIds: [String], $buildingIds: [String], $limit: Int
CALL () {
  UNWIND $chainIds AS id
  MATCH (c:Entity {id: id})
  RETURN collect(c) AS chains
}
CALL () {
  UNWIND $buildingIds AS id
  MATCH (b:Entity {id: id})
  RETURN collect(b) AS buildings
}
CALL (chains) {
  UNWIND chains AS c
  MATCH (c)-[:SUB_CHAIN_OF|LEADS|ON_CHAIN|HELD_WITHIN]-(m1:Entity)
  OPTIONAL MATCH (m1)-[:SUB_CHAIN_OF|LEADS|ON_CHAIN|HELD_WITHIN]-(m2:Entity)
  RETURN collect(DISTINCT m1) + collect(DISTINCT m2) AS aroundChains
}
CALL (buildings) {
  UNWIND buildings AS b
  MATCH (b)-[:LOCATED_IN]-(m:Entity)
  RETURN collect(DISTINCT m) AS inBuildings
}
UNWIND chains + buildings + aroundChains + inBuildings AS n
WITH DISTINCT n
WITH collect(n) AS everything
WITH everything[..$limit] AS ns, size(everything) > $limit AS truncated
CALL (ns) {
  UNWIND ns AS a
  MATCH (a)-[r:SUB_CHAIN_OF|LEADS|ON_CHAIN|HELD_WITHIN|LOCATED_IN]->(b:Entity)
  WHERE b IN ns
  RETURN collect({id: r.id, source: a.id, target: b.id, label: type(r), basis: r.basis, status: null}) AS edges
}
RETURN [n IN ns | {id: n.id, label: coalesce(n.displayName, n.name), kind: n.kind, synthetic: n.synthetic, basis: n.basis, pairing: null}] AS nodes,
  edges, truncated
