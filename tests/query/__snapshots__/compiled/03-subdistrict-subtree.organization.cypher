// params: {"p0":"党家街道党工委","p1":10,"p2":null,"p3":0,"p4":100}
MATCH (n0:Entity {name: $p0})
WHERE n0:Organization
WITH n0 ORDER BY n0.synthetic, n0.id LIMIT 1
CALL (n0) { // Organization.ancestors: cypher/organization/list-ancestors.cypher
  WITH n0.id AS pid1
  CALL (pid1) {
    UNWIND [pid1] AS id
    MATCH (n:Entity {id: id})
    MATCH p = (n)-[:REPORTS_TO*1..20]->(a:Organization)
    WITH id, a, length(p) AS depth
    ORDER BY depth
    RETURN id, collect(properties(a)) AS items
  }
  RETURN collect([id, items]) AS h0_n0
}
CALL (n0) { // Organization.descendantCounts: cypher/organization/count-descendants.cypher
  WITH n0.id AS pid2
  CALL (pid2) {
    UNWIND [pid2] AS id
    MATCH (n:Entity {id: id})
    MATCH (d:Organization)-[:REPORTS_TO*1..10]->(n)
    WITH id, d.kind AS kind, count(DISTINCT d) AS count
    ORDER BY count DESC, kind
    RETURN id, collect({kind: kind, count: count}) AS items
  }
  RETURN collect([id, items]) AS h1_n0
}
CALL (n0) { // Organization.descendants: cypher/fields/Organization.descendants.cypher
  CALL (n0) {
    WITH n0 AS n
    CALL (n) { // descendants-of: cypher/fragments/descendants-of.cypher
      WITH n, $p1 AS maxDepth, $p2 AS kinds
      MATCH p = (d:Organization)-[:REPORTS_TO*1..10]->(n)
      WITH d, maxDepth, kinds, min(length(p)) AS depth
      WHERE depth <= maxDepth AND (kinds IS NULL OR d.kind IN kinds)
      WITH d, depth ORDER BY depth, d.synthetic, d.name, d.id
      RETURN collect({d: d, depth: depth}) AS found
    }
    WITH size(found) AS total, found[$p3..$p3 + $p4] AS page
    RETURN total, [x IN page | {node: [d IN [x.d] | d {.name, .kind}][0], depth: x.depth}] AS items
  }
  RETURN collect([n0.id, total, items]) AS h2_n0
}
RETURN n0 {.name, .id, .kind, .synthetic} AS node, [h0_n0, h1_n0, h2_n0] AS pre
