// fragment: target-paired(t, kind, targetLabel) -> paired
// Whether a place is a pairing target and, if so, paired on $asOf; decided here once for pairingCoverage
// (through target-coverage, and coverage/compute-coverage, which checks each place of an area once for
// the area and all its child areas): a place of `targetLabel` (villages; communities for UnitCommunity)
// is a target, and it is paired when a pairing of `kind` reaches it that is active on $asOf. Synthetic
// targets and pairings count only with $includeSynthetic. One row, `paired`, when `t` is a target; no
// row when it is not (so a use drops the places that are not targets).
// params: $asOf, $includeSynthetic
WITH t, kind WHERE t.kind = targetLabel AND ($includeSynthetic OR NOT t.synthetic)
RETURN EXISTS {
  MATCH (t)<-[r:PAIRED_WITH]-() WHERE r.kind = kind AND ($includeSynthetic OR NOT r.synthetic)
  // @use active-on(r, $asOf) -> active
  WITH r WHERE active
} AS paired
