// One saved view by id (what a shared link opens), with the ids it names that the graph no longer holds.
// $id: String
MATCH (v:SavedView {id: $id})
// @use view-missing(v) -> missing
RETURN properties(v) AS view, missing
