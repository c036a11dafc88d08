// Writes a batch of change-log entries in the import's transaction, one per entity, position or
// pairing the import created or changed (see cypher/change/record-change.cypher for one entry).
// $changes: [Map { id, at, actor, action, entityId, entityKind, before, after, reason, source }]
UNWIND $changes AS change
CREATE (c:Change)
SET c = change
RETURN count(c) AS written
