// Which changes match the filters, newest first, one page with the total?
// $entityId, $action, $actor, $since, $until: String or null; $offset, $limit: Int
MATCH (c:Change)
WHERE ($entityId IS NULL OR c.entityId = $entityId)
  AND ($action IS NULL OR c.action = $action)
  AND ($actor IS NULL OR c.actor = $actor)
  AND ($since IS NULL OR c.at >= $since)
  AND ($until IS NULL OR c.at < $until)
WITH c ORDER BY c.at DESC, c.id DESC
WITH collect(properties(c)) AS items
RETURN size(items) AS total, items[$offset..$offset + $limit] AS items
