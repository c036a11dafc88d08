// 街道 ranking: every subdistrict (a Subdistrict place) among the places of the area $areaId, with the
// district it lies in and, per pairing kind, its coverage on $asOf: the same numbers pairingCoverage
// gives for that subdistrict and kind, because both count through the same fragments (area-places,
// target-coverage). One row per subdistrict; the resolver sorts them.
// The area is walked once: a subdistrict one step below it (the area a district, or its committee's
// district) takes its places from that walk's `parts` (each exactly what area-places answers for it);
// one further down (the area a city) is walked on its own.
// $areaId: String, $kinds: [{kind, targetLabel}] (from schema/model.ts PAIRING_KINDS), $asOf: ISO date,
// $includeSynthetic: Boolean (server/resolvers/areas.ts showSynthetic)
MATCH (area:Entity {id: $areaId})
// @use area-places(area) -> within, withinParts
UNWIND within AS s
WITH s, withinParts WHERE s.kind = 'Subdistrict' AND ($includeSynthetic OR NOT s.synthetic)
WITH s, head([part IN withinParts WHERE part.part = s | part.places]) AS found
CALL (s, found) {
  WITH found WHERE found IS NOT NULL
  RETURN found AS places
  UNION
  WITH s, found WHERE found IS NULL
  // @use area-places(s) -> places, parts
  RETURN places
}
OPTIONAL MATCH (s)-[:PART_OF]->(district:Place {kind: 'District'})
UNWIND $kinds AS k
WITH s, district, places, k.kind AS kind, k.targetLabel AS targetLabel
// @use target-coverage(places, kind, targetLabel) -> targets, paired, unpaired
WITH s, district, collect({kind: kind, targets: targets, paired: paired}) AS byKind
RETURN properties(s) AS subdistrict, properties(district) AS district, byKind
