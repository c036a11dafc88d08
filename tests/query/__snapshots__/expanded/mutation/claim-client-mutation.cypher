// Claims a client mutation id for this transaction, or finds the attempt that already used it.
// MERGE on the unique key locks it: a concurrent retry waits here until the first attempt commits
// (and then sees state 'done') or rolls back (and then claims it itself). 'pending' means: ours.
// $key: String (caller and client id), $action: String, $at: String (ISO date-time)
MERGE (m:ClientMutation {key: $key})
  ON CREATE SET m.action = $action, m.at = $at, m.state = 'pending'
RETURN m.state AS state, m.action AS action, m.resultId AS resultId, m.resultKind AS resultKind
