// Opens a session for an account, and clears sessions that have timed out (any account's), so the
// store holds no more than the live ones and those of the last idle period.
// $session: Map { id (sha-256 of the cookie's secret), login, csrf, createdAt, lastSeenAt, expiresAt, address }
// $now: Int (ms); $idleMs: Int
CALL () {
  MATCH (old:Session)
  WHERE old.expiresAt <= $now OR old.lastSeenAt + $idleMs <= $now
  WITH old LIMIT 1000
  DELETE old
}
CREATE (s:Session)
SET s = $session
RETURN s.id AS id
