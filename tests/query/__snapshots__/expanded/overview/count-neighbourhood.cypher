// How many entities would the network lens draw around an entity at depth 1, 2 and 3? The same hops
// as network/neighbourhood (through $types only, each hop's frontier cut at $limit), counted instead of
// returned, so the viewer can warn before a depth that would draw thousands of nodes. One row.
// $id: String, $types: relationship types from schema/model.ts, $limit: Int
MATCH (s:Entity {id: $id})
CALL (s) {
  MATCH (s)-[:$any($types)]-(m:Entity)
  RETURN collect(DISTINCT m) AS hop1
}
CALL (hop1) {
  UNWIND hop1[..$limit] AS x
  MATCH (x)-[:$any($types)]-(m:Entity)
  RETURN collect(DISTINCT m) AS hop2
}
CALL (hop2) {
  UNWIND hop2[..$limit] AS x
  MATCH (x)-[:$any($types)]-(m:Entity)
  RETURN collect(DISTINCT m) AS hop3
}
CALL (s, hop1) {
  UNWIND [s] + hop1 AS n
  RETURN count(DISTINCT n) AS depth1
}
CALL (s, hop1, hop2) {
  UNWIND [s] + hop1 + hop2 AS n
  RETURN count(DISTINCT n) AS depth2
}
CALL (s, hop1, hop2, hop3) {
  UNWIND [s] + hop1 + hop2 + hop3 AS n
  RETURN count(DISTINCT n) AS depth3
}
RETURN depth1, depth2, depth3
