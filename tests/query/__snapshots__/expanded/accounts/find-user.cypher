// Who has this login name? The account as sign-in and the admin mutations read it (password hash
// included: never returned by the API).
// $login: String
MATCH (u:User {login: $login})
RETURN u {.*} AS user
