// 街道 ranking: every subdistrict (a Subdistrict place) among the places of the area $areaId, with the
// district it lies in and, per pairing kind, its coverage on $asOf: the same numbers pairingCoverage
// gives for that subdistrict and kind, because both count through the same fragments (area-places,
// target-coverage). One row per subdistrict; the resolver sorts them.
// $areaId: String, $kinds: [{kind, targetLabel}] (from schema/model.ts PAIRING_KINDS), $asOf: ISO date,
// $includeSynthetic: Boolean (server/resolvers/areas.ts showSynthetic)
MATCH (area:Entity {id: $areaId})
// @use area-places(area) -> within, withinParts
UNWIND within AS s
WITH s WHERE s.kind = 'Subdistrict' AND ($includeSynthetic OR NOT s.synthetic)
OPTIONAL MATCH (s)-[:PART_OF]->(district:Place {kind: 'District'})
// @use area-places(s) -> places, parts
UNWIND $kinds AS k
WITH s, district, places, k.kind AS kind, k.targetLabel AS targetLabel
// @use target-coverage(places, kind, targetLabel) -> targets, paired, unpaired
WITH s, district, collect({kind: kind, targets: targets, paired: paired}) AS byKind
RETURN properties(s) AS subdistrict, properties(district) AS district, byKind
