// Which accounts are there? All of them, by login name, without their password hashes.
// (none)
MATCH (u:User)
RETURN u {.login, .name, .role, .scope, .status, .lastSignInAt, .mustChangePassword, .createdAt, .source} AS user
ORDER BY u.login
