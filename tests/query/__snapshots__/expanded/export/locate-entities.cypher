// The 街道 and district of each entity in $ids (cypher/fragments/located-in.cypher), for the exports
// that list entities (findings, path steps). One row per id found.
// $ids: [String]
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) { // located-in: cypher/fragments/located-in.cypher
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
RETURN id, subdistrict.name AS subdistrict, district.name AS district
