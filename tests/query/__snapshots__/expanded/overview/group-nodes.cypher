// Which district and 街道 (subdistrict) does each entity of an area belong to, for the viewer's city
// overview and the display names' qualifiers (data/display-names.ts)? Each of $ids (the area's entities,
// entity/list-area-scope) with the nearest Subdistrict and District it lies in (cypher/fragments/located-in.cypher,
// the same answer the network lens and the reports give). Nothing above: null. One row per entity kept
// (synthetic ones only when $includeSynthetic), the first $limit by id.
// A 街道 or a district is not placed in itself here, though located-in counts it as lying in itself: the
// overview draws each as its group's box, which cannot sit inside itself (a 街道's box goes in its
// district's), and a display name is never qualified by the entity's own name (“甲街道（甲街道）”).
// $ids: [String], $includeSynthetic: Boolean, $limit: Int
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE $includeSynthetic OR NOT coalesce(n.synthetic, false)
WITH DISTINCT n
ORDER BY n.id
LIMIT $limit
CALL (n) { // located-in: cypher/fragments/located-in.cypher
  WITH n AS e
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
}
RETURN n.id AS id, coalesce(n.displayName, n.name) AS label, n.kind AS kind, coalesce(n.synthetic, false) AS synthetic,
       CASE WHEN subdistrict = n THEN null ELSE subdistrict.id END AS subdistrict,
       CASE WHEN district = n THEN null ELSE district.id END AS district
