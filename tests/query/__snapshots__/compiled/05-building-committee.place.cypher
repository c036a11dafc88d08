// params: {"p0":"山东商会大厦","p1":0,"p2":50,"p3":0,"p4":100,"p5":0,"p6":50,"p7":0,"p8":100}
MATCH (n0:Entity {name: $p0})
WHERE n0:Place
WITH n0 ORDER BY n0.synthetic, n0.id LIMIT 1
CALL (n0) {
  MATCH (n0)-[r1:PART_OF]->(n2:Place)
  WITH r1, n2 ORDER BY n2.synthetic, n2.name, n2.id SKIP $p1 LIMIT $p2
  RETURN collect([n2 {.name}]) AS f0_n2
}
CALL (n0) {
  MATCH (n0)<-[r3:LOCATED_IN]-(n4:Organization)
  WITH r3, n4 ORDER BY n4.synthetic, n4.name, n4.id SKIP $p5 LIMIT $p6
  CALL (n4) {
    MATCH (n4)<-[r5:REPORTS_TO]-(n6:Organization)
    WITH r5, n6 ORDER BY n6.synthetic, n6.name, n6.id SKIP $p3 LIMIT $p4
    RETURN collect([n6 {.name, .kind}]) AS f0_n6
  }
  RETURN collect([properties(n4), f0_n6, COUNT { MATCH (n4)<-[:REPORTS_TO]-(x7:Organization) }]) AS f1_n4
}
CALL (n0) {
  MATCH (n0)<-[r8:LOCATED_IN]-(n9:Unit)
  WITH r8, n9 ORDER BY n9.synthetic, n9.name, n9.id SKIP $p7 LIMIT $p8
  RETURN collect([n9 {.name}]) AS f2_n9
}
RETURN n0 {.name, .kind} AS node, [f0_n2, f1_n4, f2_n9] AS pre
