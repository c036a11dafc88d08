// Adds an account. The login is unique (schema/constraints.cypher): a second one with the same login
// fails the transaction with a constraint violation, mapped to CONFLICT.
// $user: Map { login, name, role, scope, status, passwordHash, mustChangePassword, createdAt, source }
CREATE (u:User)
SET u = $user
RETURN u {.login, .name, .role, .scope, .status, .lastSignInAt, .mustChangePassword, .createdAt, .source} AS user
