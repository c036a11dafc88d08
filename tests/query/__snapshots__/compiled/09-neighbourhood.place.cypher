// params: {"p0":"港沟街道","p1":0,"p2":50}
MATCH (n0:Entity {name: $p0})
WHERE n0:Place
WITH n0 ORDER BY n0.synthetic, n0.id LIMIT 1
CALL (n0) {
  MATCH (n0)-[r1:MEMBER_OF]->(n2:Alliance)
  WITH r1, n2 ORDER BY n2.synthetic, n2.name, n2.id SKIP $p1 LIMIT $p2
  RETURN collect([n2 {.id, .name}]) AS f0_n2
}
RETURN n0 {.id, .name, .kind} AS node, [f0_n2] AS pre
