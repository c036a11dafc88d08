// Which organizations does $rootId lead, $depth levels down (REPORTS_TO), as a Cytoscape tree? Each
// node says how many organizations it leads directly, so the viewer can load a folded subtree later.
// $rootId: String, $depth: 1-8, $limit: Int
MATCH (r:Entity {id: $rootId})
OPTIONAL MATCH p = (d:Organization)-[:REPORTS_TO*1..8]->(r)
WHERE length(p) <= $depth
WITH r, d, min(length(p)) AS level
ORDER BY level, d.name
WITH r, collect(d) AS below
WITH [r] + below[..$limit - 1] AS orgs, size(below) + 1 > $limit AS truncated
CALL (orgs) {
  UNWIND orgs AS child
  MATCH (child)-[rel:REPORTS_TO]->(parent)
  WHERE parent IN orgs
  RETURN collect({id: rel.id, source: child.id, target: parent.id, label: 'REPORTS_TO', basis: rel.basis, status: null}) AS edges
}
RETURN [o IN orgs | {id: o.id, label: coalesce(o.displayName, o.name), kind: o.kind, synthetic: o.synthetic, basis: o.basis, pairing: null,
  childCount: COUNT { (o)<-[:REPORTS_TO]-(:Organization) }}] AS nodes, edges, truncated
