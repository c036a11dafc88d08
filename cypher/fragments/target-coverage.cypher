// fragment: target-coverage(places, kind, targetLabel) -> targets, paired, unpaired
// Pairing coverage of a list of places, decided here once for pairingCoverage (coverage/compute-coverage)
// and the 街道 ranking (ranking/rank-subdistricts): the places of `targetLabel` (villages; communities
// for UnitCommunity) are the targets, and a target is paired when a pairing of `kind` reaches it that
// is active on $asOf. Synthetic targets and pairings count only with $includeSynthetic. One row:
// `targets`, `paired` and the unpaired targets' properties, ordered by name (`unpaired`).
// params: $asOf, $includeSynthetic
UNWIND places AS t
WITH t, kind WHERE t.kind = targetLabel AND ($includeSynthetic OR NOT t.synthetic)
WITH t, EXISTS {
  MATCH (t)<-[r:PAIRED_WITH]-() WHERE r.kind = kind AND ($includeSynthetic OR NOT r.synthetic)
  // @use active-on(r, $asOf) -> active
  WITH r WHERE active
} AS paired
ORDER BY t.name, t.id
RETURN count(t) AS targets, sum(CASE WHEN paired THEN 1 ELSE 0 END) AS paired,
       collect(CASE WHEN paired THEN null ELSE properties(t) END) AS unpaired
