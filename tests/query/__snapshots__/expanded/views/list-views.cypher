// Which views has the caller saved? Last saved first, at most 200, each with the ids it names that the
// graph no longer holds (fragments/view-missing).
// $owner: String (the principal's subject)
MATCH (v:SavedView {owner: $owner})
WITH v ORDER BY v.updatedAt DESC, v.id LIMIT 200
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
