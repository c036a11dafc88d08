// Which targets of an area have no pairing of $kind on $asOf, ready for a report: the targets
// pairingCoverage lists as unpaired (the same fragments, area-places and target-coverage), each with its
// 街道 and district (located-in) and its last pairing of the kind begun by then — ended, so 结对已结束
// with the partner and dates — or none (未结对). One row per target, by district, 街道 and name.
// $areaId: String, $kind, $targetLabel (schema/model.ts PAIRING_KINDS), $asOf: ISO date,
// $includeSynthetic: Boolean
MATCH (a:Entity {id: $areaId})
CALL (a) { // area-places: cypher/fragments/area-places.cypher
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
CALL (places) { // target-coverage: cypher/fragments/target-coverage.cypher
  WITH places, $kind AS kind, $targetLabel AS targetLabel
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
UNWIND unpaired AS u
MATCH (t:Entity {id: u.id})
CALL (t) {
  OPTIONAL MATCH (t)<-[r:PAIRED_WITH]-(partner:Entity)
  WHERE r.kind = $kind AND ($includeSynthetic OR NOT r.synthetic) AND coalesce(r.validFrom, '0000-01-01') <= $asOf
  WITH r, partner ORDER BY coalesce(r.validTo, '9999-12-31') DESC, coalesce(r.validFrom, '') DESC
  LIMIT 1
  RETURN CASE WHEN r IS NULL THEN null ELSE properties(r) END AS last, CASE WHEN partner IS NULL THEN null ELSE properties(partner) END AS partner
}
CALL (t) { // located-in: cypher/fragments/located-in.cypher
  WITH t AS e
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
RETURN properties(t) AS target, last, partner,
       CASE WHEN subdistrict IS NULL THEN null ELSE properties(subdistrict) END AS subdistrict,
       CASE WHEN district IS NULL THEN null ELSE properties(district) END AS district
ORDER BY district.name, subdistrict.name, t.name, t.id
