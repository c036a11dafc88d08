// Deletes what a backup holds — every entity, claim and change-log entry, with their relationships —
// inside the restore's one transaction (so a restore that fails or is killed deletes nothing). The
// bookkeeping nodes (Lock, ClientMutation) stay.
// (no parameters)
MATCH (n)
WHERE n:Entity OR n:Claim OR n:Change
DETACH DELETE n
RETURN count(n) AS deleted
