// Writes one entry of the change log, in the transaction of the change it records. It has no
// relationships: entityId names what it is about.
// $change: Map { id, at, actor, action, entityId, entityKind, before, after, reason, source }
CREATE (c:Change)
SET c = $change
RETURN c.id AS id
