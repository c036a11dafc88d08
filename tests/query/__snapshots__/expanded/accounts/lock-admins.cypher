// Locks every active administrator for the rest of the write transaction and counts them. Two
// transactions demoting or disabling two different administrators would otherwise each count two and
// both go through, leaving none; with the lock the second waits and then counts what the first wrote.
// (none)
MATCH (u:User {role: 'admin', status: 'active'})
WITH u
ORDER BY u.login
CALL (u) { // lock: cypher/fragments/lock.cypher
  WITH u AS item
  SET item._lock = true
  REMOVE item._lock
  RETURN item AS locked
}
RETURN count(u) AS admins
