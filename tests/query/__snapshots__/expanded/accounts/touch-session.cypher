// Marks a session as used now (its idle timeout starts again).
// $id: String; $now: Int (ms)
MATCH (s:Session {id: $id})
SET s.lastSeenAt = $now
RETURN s.id AS id
