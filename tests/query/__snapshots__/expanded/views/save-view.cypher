// Saves a viewer's view: a new one (no $id match: created with $newId), or again one of the caller's
// own ($id with owner = $owner; someone else's view is not matched, so nothing is returned).
// $id: String or null, $newId: String, $owner: String (the principal's subject), $ownerName: String,
// $props: map of the view's fields (server/resolvers/saved-views.ts), $now: ISO date-time
CALL () {
  WITH $id AS id WHERE id IS NULL
  CREATE (v:SavedView {id: $newId, owner: $owner, createdAt: $now})
  RETURN v
  UNION
  WITH $id AS id WHERE id IS NOT NULL
  MATCH (v:SavedView {id: id, owner: $owner})
  RETURN v
}
SET v += $props, v.ownerName = $ownerName, v.updatedAt = $now
WITH v
CALL (v) { // view-missing: cypher/fragments/view-missing.cypher
  WITH v, [x IN [v.focus, v.pathFrom, v.pathTo] WHERE x IS NOT NULL] + coalesce(v.hidden, []) + coalesce(v.pinnedIds, []) AS refs
  CALL (refs) {
    UNWIND refs AS ref
    WITH DISTINCT ref WHERE NOT EXISTS { MATCH (:Entity {id: ref}) }
    RETURN collect(ref) AS gone
  }
  RETURN gone + CASE
    WHEN v.area IS NULL OR EXISTS { MATCH (:Entity {id: v.area}) } OR EXISTS { MATCH (:Entity {name: v.area}) } THEN []
    ELSE [v.area] END AS missing
}
RETURN properties(v) AS view, missing
