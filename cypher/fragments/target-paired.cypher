// fragment: target-paired(t, kind, targetLabel, full, synth) -> paired, unpaired
// Whether a place is a pairing target and, if so, paired on $asOf; decided here once for pairingCoverage
// (through target-coverage, and coverage/compute-coverage, which checks each place of an area once for
// the area and all its child areas): a place of `targetLabel` (villages; communities for UnitCommunity)
// is a target, and it is paired when a pairing of `kind` reaches it that is active on $asOf. Synthetic
// targets and pairings count only with `synth` (the question's includeSynthetic, server/services/areas.ts
// showSynthetic). One row when `t` is a target: `paired`, and
// `unpaired`, the target when it is not paired (null when it is), read here once however many areas
// hold it: all its properties, or with `full` false only its identity (id, name, kind, synthetic: what
// a question asking nothing more of it needs, server/resolvers/coverage.ts); no row when it is not a
// target (so a use drops the places that are not targets).
// params: $asOf
WITH t, kind, full, synth WHERE t.kind = targetLabel AND (synth OR NOT t.synthetic)
WITH t, full, EXISTS {
  MATCH (t)<-[r:PAIRED_WITH]-() WHERE r.kind = kind AND (synth OR NOT r.synthetic)
  // @use active-on(r, $asOf) -> active
  WITH r WHERE active
} AS paired
RETURN paired, CASE WHEN paired THEN null WHEN full THEN properties(t) ELSE t {.id, .name, .kind, .synthetic} END AS unpaired
