// Which targets of an area have no pairing of $kind on $asOf, ready for a report: the targets
// pairingCoverage lists as unpaired (the same fragments, area-places and target-coverage), each with its
// 街道 and district (located-in) and its last pairing of the kind begun by then — ended, so 结对已结束
// with the partner and dates — or none (未结对). One row per target, by district, 街道 and name.
// $areaId: String, $kind, $targetLabel (schema/model.ts PAIRING_KINDS), $asOf: ISO date,
// $includeSynthetic: Boolean
MATCH (a:Entity {id: $areaId})
// @use area-places(a) -> places, parts
// @use target-coverage(places, $kind, $targetLabel) -> targets, paired, unpaired
UNWIND unpaired AS u
MATCH (t:Entity {id: u.id})
CALL (t) {
  OPTIONAL MATCH (t)<-[r:PAIRED_WITH]-(partner:Entity)
  WHERE r.kind = $kind AND ($includeSynthetic OR NOT r.synthetic) AND coalesce(r.validFrom, '0000-01-01') <= $asOf
  WITH r, partner ORDER BY coalesce(r.validTo, '9999-12-31') DESC, coalesce(r.validFrom, '') DESC
  LIMIT 1
  RETURN CASE WHEN r IS NULL THEN null ELSE properties(r) END AS last, CASE WHEN partner IS NULL THEN null ELSE properties(partner) END AS partner
}
// @use located-in(t) -> subdistrict, district
RETURN properties(t) AS target, last, partner,
       CASE WHEN subdistrict IS NULL THEN null ELSE properties(subdistrict) END AS subdistrict,
       CASE WHEN district IS NULL THEN null ELSE properties(district) END AS district
ORDER BY district.name, subdistrict.name, t.name, t.id
