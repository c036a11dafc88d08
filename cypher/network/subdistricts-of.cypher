// Which 街道 does each entity in $ids lie in (cypher/fragments/located-in.cypher: the nearest
// Subdistrict up its lines of place and command)? For the network lens, which groups a large
// neighbourhood by 街道. One row per id that has one; ids without are left out.
// $ids: [String]
UNWIND $ids AS id
MATCH (e:Entity {id: id})
// @use located-in(e) -> subdistrict, district
WITH id, subdistrict WHERE subdistrict IS NOT NULL
RETURN id, subdistrict.id AS subdistrictId, coalesce(subdistrict.displayName, subdistrict.name) AS subdistrict
