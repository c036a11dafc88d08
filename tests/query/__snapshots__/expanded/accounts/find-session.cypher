// Which live session has this id, and whose is it? None when it has timed out (idle or absolute)
// or its account is disabled.
// $id: String (sha-256 of the cookie's secret); $now: Int (ms); $idleMs: Int
MATCH (s:Session {id: $id})
WHERE s.expiresAt > $now AND s.lastSeenAt + $idleMs > $now
MATCH (u:User {login: s.login})
WHERE u.status = 'active'
RETURN s.csrf AS csrf, s.lastSeenAt AS lastSeenAt, s.expiresAt AS expiresAt,
       u {.login, .name, .role, .scope, .mustChangePassword} AS user
