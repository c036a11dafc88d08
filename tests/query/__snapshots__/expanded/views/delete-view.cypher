// Deletes one of the caller's saved views; someone else's is left alone (deleted = 0).
// $id: String, $owner: String (the principal's subject)
OPTIONAL MATCH (v:SavedView {id: $id, owner: $owner})
WITH v, v IS NOT NULL AS found
DETACH DELETE v
RETURN found AS deleted
