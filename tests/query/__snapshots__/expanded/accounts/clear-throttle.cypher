// Forgets an account's failed sign-ins after it signs in (or an admin resets its password).
// $key: String
MATCH (t:SignInThrottle {key: $key})
DELETE t
RETURN count(*) AS cleared
