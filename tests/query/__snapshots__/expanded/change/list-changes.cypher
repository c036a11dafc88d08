// Which changes match the filters? Newest first (ties by id, which orders the entries of one
// mutation), one page, with the total. Instants are UTC ISO strings, so they compare as text.
// With a $scope (the ids in an area, from entity/list-area-scope): changes to those entities, to the
// pairings whose target (village or community) is one of them, and moves whose old parent was one of
// them (the organization may since have left the area). Each branch starts from an index
// (Change.entityId, Entity.id, Change.action), so the cost follows the area, not the log.
// $scope: [String] or null (no area filter); $entityId, $action, $actor: String or null;
// $since (inclusive), $until (exclusive): ISO date-time or null; $offset, $limit: Int;
// $accounts: Boolean — whether sign-ins and account changes (entityKind Account) are shown (auditors
// and administrators only: they name people and the addresses they signed in from).
CALL () {
  MATCH (c:Change) WHERE $scope IS NULL
  RETURN c
  UNION
  UNWIND coalesce($scope, []) AS id
  MATCH (c:Change {entityId: id})
  RETURN c
  UNION
  UNWIND coalesce($scope, []) AS id
  MATCH (:Entity {id: id})<-[r:PAIRED_WITH]-(:Entity)
  MATCH (c:Change {entityId: r.id})
  RETURN c
  UNION
  MATCH (c:Change {action: 'moveOrganization'})
  WHERE $scope IS NOT NULL AND any(id IN $scope WHERE c.before CONTAINS ('"' + id + '"'))
  RETURN c
}
WITH c
WHERE ($entityId IS NULL OR c.entityId = $entityId)
  AND ($accounts OR c.entityKind <> 'Account')
  AND ($action IS NULL OR c.action = $action)
  AND ($actor IS NULL OR c.actor = $actor)
  AND ($since IS NULL OR c.at >= $since)
  AND ($until IS NULL OR c.at < $until)
WITH c
ORDER BY c.at DESC, c.id DESC
// Node references are cheap to collect; only the page's properties (with their JSON) are read.
WITH collect(c) AS matched
RETURN size(matched) AS total, [c IN matched[$offset..$offset + $limit] | properties(c)] AS items
