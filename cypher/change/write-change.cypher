// Writes one change-log entry, in the same transaction as the change it records.
// $change: Map { id, at, actor, action, entityId, entityKind, before, after, reason, source }
CREATE (c:Change)
SET c = $change
