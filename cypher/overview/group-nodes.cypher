// Which district and 街道 (subdistrict) does each entity of an area belong to, for the viewer's city
// overview? Each of $ids (the area's entities, entity/list-area-scope) with the nearest Subdistrict and
// the nearest District above it, walking up the relationships that say "lies in / is run from / reports
// to / serves in" (a village PART_OF its subdistrict, an enterprise LOCATED_IN a building, a branch REPORTS_TO its
// working committee, a working committee GOVERNS its subdistrict). Nothing above: null. One row per
// entity kept (synthetic ones only when $includeSynthetic), the first $limit by id.
// $ids: [String], $includeSynthetic: Boolean, $limit: Int
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE $includeSynthetic OR NOT coalesce(n.synthetic, false)
WITH DISTINCT n
ORDER BY n.id
LIMIT $limit
CALL (n) {
  OPTIONAL MATCH (n)-[:PART_OF|LOCATED_IN|GOVERNS|COVERS|REPORTS_TO|PARTY_ORGANIZATION_OF|HELD_WITHIN|SERVES_IN]->{1,8}(s:Subdistrict)
  RETURN s.id AS subdistrict
  LIMIT 1
}
CALL (n) {
  OPTIONAL MATCH (n)-[:PART_OF|LOCATED_IN|GOVERNS|COVERS|REPORTS_TO|PARTY_ORGANIZATION_OF|HELD_WITHIN|SUB_CHAIN_OF|SERVES_IN]->{1,9}(d:District)
  RETURN d.id AS district
  LIMIT 1
}
RETURN n.id AS id, coalesce(n.displayName, n.name) AS label, n.kind AS kind, coalesce(n.synthetic, false) AS synthetic, subdistrict, district
