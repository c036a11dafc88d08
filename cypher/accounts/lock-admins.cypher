// Locks every active administrator for the rest of the write transaction and counts them. Two
// transactions demoting or disabling two different administrators would otherwise each count two and
// both go through, leaving none; with the lock the second waits and then counts what the first wrote.
// (none)
MATCH (u:User {role: 'admin', status: 'active'})
WITH u
ORDER BY u.login
// @use lock(u) -> locked
RETURN count(u) AS admins
