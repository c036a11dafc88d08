// Deletes up to $limit synthetic nodes with all their relationships, 10,000 per transaction: the
// nodes labelled Synthetic whose id starts with $prefix and the synthetic claims whose id starts with
// $prefix. The caller repeats it until nothing is deleted, so no statement outlives the server's
// transaction timeout however large the synthetic graph. Documented data is never matched: its ids
// start jn-/lc-/sz-/gx- and it is not labelled Synthetic; a $prefix not starting syn- matches nothing.
// CALL … IN TRANSACTIONS needs an implicit (auto-commit) transaction: run it with session.run.
// $prefix: String, e.g. 'syn-' (all synthetic data) or 'syn-c42-' (one seed and scale); $limit: Int
CALL () {
  MATCH (c:Claim) WHERE $prefix STARTS WITH 'syn-' AND c.synthetic = true AND c.id STARTS WITH $prefix
  RETURN c AS n
  UNION ALL
  MATCH (n:Synthetic) WHERE $prefix STARTS WITH 'syn-' AND n.synthetic = true AND n.id STARTS WITH $prefix
  RETURN n
}
WITH n LIMIT $limit
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
