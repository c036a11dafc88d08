// The 街道 and district of each entity in $ids (cypher/fragments/located-in.cypher), for the exports
// that list entities (findings, path steps). One row per id found.
// $ids: [String]
UNWIND $ids AS id
MATCH (e:Entity {id: id})
// @use located-in(e) -> subdistrict, district
RETURN id, subdistrict.name AS subdistrict, district.name AS district
