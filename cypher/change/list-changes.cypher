// Which changes match the filters? Newest first (ties by id, which orders the entries of one
// mutation), one page, with the total. Instants are UTC ISO strings, so they compare as text.
// $entityId, $action, $actor: String or null; $since (inclusive), $until (exclusive): ISO date-time
// or null; $offset, $limit: Int
CALL () {
  MATCH (c:Change)
  WHERE ($entityId IS NULL OR c.entityId = $entityId)
    AND ($action IS NULL OR c.action = $action)
    AND ($actor IS NULL OR c.actor = $actor)
    AND ($since IS NULL OR c.at >= $since)
    AND ($until IS NULL OR c.at < $until)
  RETURN count(c) AS total
}
CALL () {
  MATCH (c:Change)
  WHERE ($entityId IS NULL OR c.entityId = $entityId)
    AND ($action IS NULL OR c.action = $action)
    AND ($actor IS NULL OR c.actor = $actor)
    AND ($since IS NULL OR c.at >= $since)
    AND ($until IS NULL OR c.at < $until)
  WITH c
  ORDER BY c.at DESC, c.id DESC
  SKIP $offset
  LIMIT $limit
  RETURN collect(properties(c)) AS items
}
RETURN total, items
