// Ends one session (sign-out).
// $id: String
MATCH (s:Session {id: $id})
DELETE s
RETURN count(*) AS ended
