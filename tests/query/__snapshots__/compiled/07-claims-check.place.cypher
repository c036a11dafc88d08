// params: {"p0":"历城区","p1":0,"p2":50}
MATCH (n0:Entity {name: $p0})
WHERE n0:Place
WITH n0 ORDER BY n0.synthetic, n0.id LIMIT 1
CALL (n0) {
  MATCH (n0)<-[r1:GOVERNS]-(n2:Organization)
  WITH r1, n2 ORDER BY n2.synthetic, n2.name, n2.id SKIP $p1 LIMIT $p2
  RETURN collect([n2 {.name, .id, .kind, .synthetic}]) AS f0_n2
}
RETURN n0 {.name, .id, .kind, .synthetic} AS node, [f0_n2] AS pre
