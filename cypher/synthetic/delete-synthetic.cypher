// Removes all synthetic data (nodes labelled Synthetic, their relationships, synthetic claims), in
// batches of 10,000 so a province-sized graph never needs one huge transaction. Documented data is
// never touched: only nodes with the Synthetic label and claims marked synthetic.
// Runs in an implicit (auto-commit) transaction, as CALL … IN TRANSACTIONS requires. No parameters.
CALL () {
  MATCH (c:Claim {synthetic: true}) RETURN c AS n
  UNION
  MATCH (n:Synthetic) RETURN n
}
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
