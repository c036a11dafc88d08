// fragment: view-missing(v) -> missing
// The references of a saved view (area, centre, path ends, hidden and pinned nodes) that no entity
// answers any more: ids, and for the area (which a link may give by exact name) names too.
WITH v, [x IN [v.focus, v.pathFrom, v.pathTo] WHERE x IS NOT NULL] + coalesce(v.hidden, []) + coalesce(v.pinnedIds, []) AS refs
CALL (refs) {
  UNWIND refs AS ref
  WITH DISTINCT ref WHERE NOT EXISTS { MATCH (:Entity {id: ref}) }
  RETURN collect(ref) AS gone
}
RETURN gone + CASE
  WHEN v.area IS NULL OR EXISTS { MATCH (:Entity {id: v.area}) } OR EXISTS { MATCH (:Entity {name: v.area}) } THEN []
  ELSE [v.area] END AS missing
