// Which views has the caller saved? Last saved first, at most 200, each with the ids it names that the
// graph no longer holds (fragments/view-missing).
// $owner: String (the principal's subject)
MATCH (v:SavedView {owner: $owner})
WITH v ORDER BY v.updatedAt DESC, v.id LIMIT 200
// @use view-missing(v) -> missing
RETURN properties(v) AS view, missing
