// What lies within $depth steps of an entity? Its neighbours hop by hop (through $types only), cut at
// $limit nodes, and every edge between the nodes returned, as Cytoscape elements. Villages carry their
// enterprise-pairing status on $asOf; pairings not yet started on $asOf are left out.
// $id: String, $depth: 1-3, $types: relationship types from schema/model.ts, $limit: Int, $asOf: ISO date
MATCH (s:Entity {id: $id})
CALL (s) {
  MATCH (s)-[:$any($types)]-(m:Entity)
  RETURN collect(DISTINCT m) AS hop1
}
CALL (hop1) {
  UNWIND CASE WHEN $depth >= 2 THEN hop1[..$limit] ELSE [] END AS x
  MATCH (x)-[:$any($types)]-(m:Entity)
  RETURN collect(DISTINCT m) AS hop2
}
CALL (hop2) {
  UNWIND CASE WHEN $depth >= 3 THEN hop2[..$limit] ELSE [] END AS x
  MATCH (x)-[:$any($types)]-(m:Entity)
  RETURN collect(DISTINCT m) AS hop3
}
UNWIND [s] + hop1 + hop2 + hop3 AS n
WITH DISTINCT n
WITH collect(n) AS everything
WITH everything[..$limit] AS ns, size(everything) > $limit AS truncated
CALL (ns) {
  UNWIND ns AS a
  MATCH (a)-[r:$any($types)]->(b:Entity)
  WHERE b IN ns AND (type(r) <> 'PAIRED_WITH' OR coalesce(r.validFrom, '0000-01-01') <= $asOf)
  RETURN collect({id: r.id, source: a.id, target: b.id, label: type(r), basis: r.basis,
    status: CASE WHEN type(r) <> 'PAIRED_WITH' THEN null WHEN r.validTo IS NOT NULL AND r.validTo < $asOf THEN 'ended' ELSE 'active' END}) AS edges
}
RETURN [n IN ns | {id: n.id, label: coalesce(n.displayName, n.name), kind: n.kind, synthetic: n.synthetic, basis: n.basis,
  pairing: CASE WHEN NOT n:Village THEN null
    WHEN EXISTS {
      MATCH (n)<-[p:PAIRED_WITH {kind: 'EnterpriseVillage'}]-()
      CALL (p) { // active-on: cypher/fragments/active-on.cypher
        WITH p AS r, $asOf AS day
        RETURN day IS NULL OR (coalesce(r.validFrom, '0000-01-01') <= day AND (r.validTo IS NULL OR r.validTo >= day)) AS active
      }
      WITH p WHERE active
    } THEN 'paired'
    WHEN EXISTS { MATCH (n)<-[p:PAIRED_WITH {kind: 'EnterpriseVillage'}]-() WHERE p.validTo < $asOf } THEN 'ended'
    ELSE 'unpaired' END}] AS nodes,
  edges, truncated
