// 街道 ranking: every subdistrict (a Subdistrict place) among the places of the area $areaId, with the
// district it lies in and, per pairing kind, its coverage on $asOf: the same numbers pairingCoverage
// gives for that subdistrict and kind, because both count through the same fragments (area-places,
// target-coverage). One row per subdistrict; the resolver sorts them.
// $areaId: String, $kinds: [{kind, targetLabel}] (from schema/model.ts PAIRING_KINDS), $asOf: ISO date,
// $includeSynthetic: Boolean (server/resolvers/areas.ts showSynthetic)
MATCH (area:Entity {id: $areaId})
CALL (area) { // area-places: cypher/fragments/area-places.cypher
  WITH area AS a
  CALL (a) {
    OPTIONAL MATCH (a)-[:GOVERNS|COVERS]->(governed:Place)
    OPTIONAL MATCH (member:Place)-[:MEMBER_OF]->(a)
    WITH a, CASE WHEN a:Place THEN [a] ELSE [] END + collect(DISTINCT governed) + collect(DISTINCT member) AS roots
    UNWIND roots AS root
    OPTIONAL MATCH (root) ((up:Place)<-[:PART_OF]-(:Place) WHERE NOT up.kind IN ['Village', 'Community', 'Grid', 'ResidentialCompound', 'ResidentialBuilding', 'CommercialBuilding']){0,9} (p:Place)
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
  RETURN places AS within, parts AS withinParts
}
UNWIND within AS s
WITH s WHERE s.kind = 'Subdistrict' AND ($includeSynthetic OR NOT s.synthetic)
OPTIONAL MATCH (s)-[:PART_OF]->(district:Place {kind: 'District'})
CALL (s) { // area-places: cypher/fragments/area-places.cypher
  WITH s AS a
  OPTIONAL MATCH (a)-[:GOVERNS|COVERS]->(governed:Place)
  OPTIONAL MATCH (member:Place)-[:MEMBER_OF]->(a)
  WITH a, CASE WHEN a:Place THEN [a] ELSE [] END + collect(DISTINCT governed) + collect(DISTINCT member) AS roots
  UNWIND roots AS root
  OPTIONAL MATCH (root) ((up:Place)<-[:PART_OF]-(:Place) WHERE NOT up.kind IN ['Village', 'Community', 'Grid', 'ResidentialCompound', 'ResidentialBuilding', 'CommercialBuilding']){0,9} (p:Place)
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
UNWIND $kinds AS k
WITH s, district, places, k.kind AS kind, k.targetLabel AS targetLabel
CALL (places, kind, targetLabel) { // target-coverage: cypher/fragments/target-coverage.cypher
  CALL (places, kind, targetLabel) {
    UNWIND places AS t
    CALL (t, kind, targetLabel) { // target-paired: cypher/fragments/target-paired.cypher
      WITH t, kind WHERE t.kind = targetLabel AND ($includeSynthetic OR NOT t.synthetic)
      RETURN EXISTS {
        MATCH (t)<-[r:PAIRED_WITH]-() WHERE r.kind = kind AND ($includeSynthetic OR NOT r.synthetic)
        CALL (r) { // active-on: cypher/fragments/active-on.cypher
          WITH r, $asOf AS day
          RETURN day IS NULL OR (coalesce(r.validFrom, '0000-01-01') <= day AND (r.validTo IS NULL OR r.validTo >= day)) AS active
        }
        WITH r WHERE active
      } AS paired
    }
    WITH t, paired
    ORDER BY t.name, t.id
    RETURN collect({target: t, paired: paired}) AS checked
  }
  CALL (checked) { // coverage-tally: cypher/fragments/coverage-tally.cypher
    UNWIND checked AS c
    RETURN count(c) AS targets, sum(CASE WHEN c.paired THEN 1 ELSE 0 END) AS paired,
           collect(CASE WHEN c.paired THEN null ELSE properties(c.target) END) AS unpaired
  }
  RETURN targets, paired, unpaired
}
WITH s, district, collect({kind: kind, targets: targets, paired: paired}) AS byKind
RETURN properties(s) AS subdistrict, properties(district) AS district, byKind
