// Changes an account's role, scope, status, display name, password or sign-in time: only the keys
// $changes holds are set (a null value removes the property).
// $login: String; $changes: Map
MATCH (u:User {login: $login})
SET u += $changes
RETURN u {.login, .name, .role, .scope, .status, .lastSignInAt, .mustChangePassword, .createdAt, .source} AS user
