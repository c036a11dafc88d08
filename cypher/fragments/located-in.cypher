// fragment: located-in(e) -> subdistrict, district
// The 街道 and the district an entity lies in, decided here once for every question that needs them:
// the city overview's grouping and the display names' qualifiers (overview/group-nodes), the network
// lens (network/subdistricts-of) and the reports (export/locate-entities, export/list-unpaired). It is
// the NEAREST Subdistrict and the nearest District reached by walking up the relationships that say
// "lies in / is run from / reports to / serves in" (a village PART_OF its 街道, an enterprise LOCATED_IN
// a building, a branch REPORTS_TO its committee, a working committee GOVERNS its 街道, a 联合党委 COVERS
// its villages); of two at the same depth, the one with the smaller id. The entity itself counts (a 街道
// lies in itself, at depth 0); null when the graph records none. A move refreshes the display names of
// everything whose walk passes through the moved organization: cypher/mutation/list-names-below.cypher
// takes this walk backwards (tests/unit/lies-in-walk.test.ts holds the two to the same types and depth).
//
// Why this shape: `min(length(p))` per end node over a variable-length walk is planned as a breadth-first
// pruning expand (VarLengthExpand(Pruning,BFS)): each node is visited once, at its least depth, so the
// nearest is found as cheaply as the depth-first `LIMIT 1` walk the overview took before, which returned
// whichever 街道 it met first, not the nearest. `SHORTEST 1` is no substitute: it keeps one path per
// (start, end) pair, so it answers every 街道 reached, one row each, and cost three times as much.
// params: none
CALL (e) {
  OPTIONAL MATCH p = (e)-[:PART_OF|LOCATED_IN|GOVERNS|COVERS|REPORTS_TO|PARTY_ORGANIZATION_OF|HELD_WITHIN|SERVES_IN*0..8]->(s:Subdistrict)
  WITH s, min(length(p)) AS depth
  RETURN s AS subdistrict
  ORDER BY depth, s.id
  LIMIT 1
}
CALL (e) {
  OPTIONAL MATCH p = (e)-[:PART_OF|LOCATED_IN|GOVERNS|COVERS|REPORTS_TO|PARTY_ORGANIZATION_OF|HELD_WITHIN|SUB_CHAIN_OF|SERVES_IN*0..9]->(d:District)
  WITH d, min(length(p)) AS depth
  RETURN d AS district
  ORDER BY depth, d.id
  LIMIT 1
}
RETURN subdistrict, district
