// params: {"p0":"玉符泉源联合党委","p1":0,"p2":50,"p3":0,"p4":100}
MATCH (n0:Entity {name: $p0})
WHERE n0:Organization
WITH n0 ORDER BY n0.synthetic, n0.id LIMIT 1
CALL (n0) {
  MATCH (n0)-[r1:REPORTS_TO]->(n2:Organization)
  WITH r1, n2 ORDER BY n2.synthetic, n2.name, n2.id SKIP $p1 LIMIT $p2
  RETURN collect([n2 {.name}]) AS f0_n2
}
CALL (n0) {
  MATCH (n0)-[r3:COVERS|GOVERNS]->(n4:Village)
  WITH r3, n4 ORDER BY n4.synthetic, n4.name, n4.id SKIP $p3 LIMIT $p4
  RETURN collect([n4 {.name}, properties(r3)]) AS f1_n4
}
RETURN n0 {.name, .id, .kind, .synthetic} AS node, [f0_n2, f1_n4, COUNT { MATCH (n0)-[:COVERS|GOVERNS]->(x5:Village) }] AS pre
