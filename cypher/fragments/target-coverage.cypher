// fragment: target-coverage(places, kind, targetLabel) -> targets, paired, unpaired
// Pairing coverage of a list of places, decided here once for pairingCoverage and the 街道 ranking
// (ranking/rank-subdistricts): which places are targets and which of those are paired is
// cypher/fragments/target-paired.cypher's, the figures cypher/fragments/coverage-tally.cypher's. One
// row: `targets`, `paired` and the unpaired targets' properties, ordered by name (`unpaired`).
// params: $asOf, $includeSynthetic
CALL (places, kind, targetLabel) {
  UNWIND places AS t
  WITH t, kind, targetLabel, true AS full
  // @use target-paired(t, kind, targetLabel, full, $includeSynthetic) -> paired, unpaired
  // Only the unpaired are listed, so only they are ordered (by their properties, read once).
  WITH paired, unpaired
  ORDER BY unpaired.name, unpaired.id
  RETURN collect({paired: paired, unpaired: unpaired}) AS checked
}
// @use coverage-tally(checked) -> targets, paired, unpaired
RETURN targets, paired, unpaired
