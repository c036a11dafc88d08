// Which 街道 does each entity in $ids lie in (cypher/fragments/located-in.cypher: the nearest
// Subdistrict up its lines of place and command)? For the network lens, which groups a large
// neighbourhood by 街道. One row per id that has one; ids without are left out.
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
WITH id, subdistrict WHERE subdistrict IS NOT NULL
RETURN id, subdistrict.id AS subdistrictId, coalesce(subdistrict.displayName, subdistrict.name) AS subdistrict
