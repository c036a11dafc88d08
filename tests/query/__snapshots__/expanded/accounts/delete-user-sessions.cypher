// Ends every session of an account (it was disabled, its password reset or changed), except the one
// given in $keep (the session that changed its own password), if any.
// $login: String; $keep: String or null
MATCH (s:Session {login: $login})
WHERE $keep IS NULL OR s.id <> $keep
DELETE s
RETURN count(*) AS ended
