// fragment: located-in(e) -> subdistrict, district
// The 街道 and the district an entity lies in, decided here once for the lists a report (汇报) needs
// them on (unpaired villages, findings): the nearest Subdistrict and District reached by walking up the
// relationships that say "lies in / is run from / reports to / serves in" (a village PART_OF its 街道,
// an enterprise LOCATED_IN a building, a branch REPORTS_TO its committee, a working committee GOVERNS
// its 街道, a 联合党委 COVERS its villages) — the walk cypher/overview/group-nodes.cypher takes, with
// the entity itself counted (a 街道 lies in itself). Shortest walk first (SHORTEST 1, breadth-first);
// null when the graph records none.
// params: none
OPTIONAL MATCH SHORTEST 1 (e)-[:PART_OF|LOCATED_IN|GOVERNS|COVERS|REPORTS_TO|PARTY_ORGANIZATION_OF|HELD_WITHIN|SERVES_IN]->{0,8}(s:Subdistrict)
OPTIONAL MATCH SHORTEST 1 (e)-[:PART_OF|LOCATED_IN|GOVERNS|COVERS|REPORTS_TO|PARTY_ORGANIZATION_OF|HELD_WITHIN|SUB_CHAIN_OF|SERVES_IN]->{0,9}(d:District)
RETURN s AS subdistrict, d AS district
