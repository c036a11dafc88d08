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
CALL (area) { // area-places: cypher/fragments/area-places.cypher
  WITH area AS a
  CALL (a) {
    WITH a, false AS inside
    CALL (a, inside) { // area-walk: cypher/fragments/area-walk.cypher
      OPTIONAL MATCH (a)-[:GOVERNS|COVERS]->(governed:Place)
      OPTIONAL MATCH (member:Place)-[:MEMBER_OF]->(a)
      WITH a, inside, CASE WHEN a:Place THEN [a] ELSE [] END + collect(DISTINCT governed) + collect(DISTINCT member) AS roots
      UNWIND roots AS root
      OPTIONAL MATCH (root) ((up)<-[:PART_OF]-() WHERE inside OR NOT up.kind IN ['Village', 'Community', 'Grid', 'ResidentialCompound', 'ResidentialBuilding', 'CommercialBuilding']){0,9} (p)
      WITH CASE size(up) WHEN 0 THEN null WHEN 1 THEN p ELSE up[1] END AS part,
           collect(DISTINCT CASE WHEN size(up) <= 8 THEN p END) AS within, collect(DISTINCT p) AS below
      WITH collect(within) AS lists, collect(CASE WHEN part IS NOT NULL THEN {part: part, places: below} END) AS parts
      CALL (lists) {
        UNWIND lists AS list
        UNWIND list AS p
        RETURN collect(DISTINCT p) AS places
      }
      RETURN places, parts
    }
    RETURN places, parts
  }
  RETURN places AS within, parts AS withinParts
}
UNWIND within AS s
WITH s, withinParts WHERE s.kind = 'Subdistrict' AND ($includeSynthetic OR NOT s.synthetic)
WITH s, head([part IN withinParts WHERE part.part = s | part.places]) AS found
CALL (s, found) {
  WITH found WHERE found IS NOT NULL
  RETURN found AS places
  UNION
  WITH s, found WHERE found IS NULL
  CALL (s) { // area-places: cypher/fragments/area-places.cypher
    WITH s AS a
    WITH a, false AS inside
    CALL (a, inside) { // area-walk: cypher/fragments/area-walk.cypher
      OPTIONAL MATCH (a)-[:GOVERNS|COVERS]->(governed:Place)
      OPTIONAL MATCH (member:Place)-[:MEMBER_OF]->(a)
      WITH a, inside, CASE WHEN a:Place THEN [a] ELSE [] END + collect(DISTINCT governed) + collect(DISTINCT member) AS roots
      UNWIND roots AS root
      OPTIONAL MATCH (root) ((up)<-[:PART_OF]-() WHERE inside OR NOT up.kind IN ['Village', 'Community', 'Grid', 'ResidentialCompound', 'ResidentialBuilding', 'CommercialBuilding']){0,9} (p)
      WITH CASE size(up) WHEN 0 THEN null WHEN 1 THEN p ELSE up[1] END AS part,
           collect(DISTINCT CASE WHEN size(up) <= 8 THEN p END) AS within, collect(DISTINCT p) AS below
      WITH collect(within) AS lists, collect(CASE WHEN part IS NOT NULL THEN {part: part, places: below} END) AS parts
      CALL (lists) {
        UNWIND lists AS list
        UNWIND list AS p
        RETURN collect(DISTINCT p) AS places
      }
      RETURN places, parts
    }
    RETURN places, parts
  }
  RETURN places
}
OPTIONAL MATCH (s)-[:PART_OF]->(district:Place {kind: 'District'})
UNWIND $kinds AS k
WITH s, district, places, k.kind AS kind, k.targetLabel AS targetLabel
CALL (places, kind, targetLabel) { // target-coverage: cypher/fragments/target-coverage.cypher
  CALL (places, kind, targetLabel) {
    UNWIND places AS t
    WITH t, kind, targetLabel, true AS full
    CALL (t, kind, targetLabel, full) { // target-paired: cypher/fragments/target-paired.cypher
      WITH t, kind, targetLabel, full, $includeSynthetic AS synth
      WITH t, kind, full, synth WHERE t.kind = targetLabel AND (synth OR NOT t.synthetic)
      WITH t, full, EXISTS {
        MATCH (t)<-[r:PAIRED_WITH]-() WHERE r.kind = kind AND (synth OR NOT r.synthetic)
        CALL (r) { // active-on: cypher/fragments/active-on.cypher
          WITH r, $asOf AS day
          RETURN day IS NULL OR (coalesce(r.validFrom, '0000-01-01') <= day AND (r.validTo IS NULL OR r.validTo >= day)) AS active
        }
        WITH r WHERE active
      } AS paired
      RETURN paired, CASE WHEN paired THEN null WHEN full THEN properties(t) ELSE t {.id, .name, .kind, .synthetic} END AS unpaired
    }
    WITH paired, unpaired
    ORDER BY unpaired.name, unpaired.id
    RETURN collect({paired: paired, unpaired: unpaired}) AS checked
  }
  CALL (checked) { // coverage-tally: cypher/fragments/coverage-tally.cypher
    UNWIND checked AS c
    RETURN count(c) AS targets, sum(CASE WHEN c.paired THEN 1 ELSE 0 END) AS paired, collect(c.unpaired) AS unpaired
  }
  RETURN targets, paired, unpaired
}
WITH s, district, collect({kind: kind, targets: targets, paired: paired}) AS byKind
RETURN properties(s) AS subdistrict, properties(district) AS district, byKind
