// Stores a failed-sign-in counter as the throttle policy left it (server/accounts/throttle.ts).
// $throttle: Map { key, failures, locks, lockedUntil, lastFailureAt }
MERGE (t:SignInThrottle {key: $throttle.key})
SET t += $throttle
RETURN t.key AS key
