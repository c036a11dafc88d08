// Deletes every node and relationship, 10,000 nodes per inner transaction (restore --force). Runs in
// an auto-commit transaction, as CALL … IN TRANSACTIONS requires.
// (no parameters)
MATCH (n)
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF 10000 ROWS
