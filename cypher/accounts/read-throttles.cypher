// The failed-sign-in counters for these keys (an account's "login:…" and an address's "address:…"),
// locked for update: concurrent failures count one after another.
// $keys: [String]
UNWIND $keys AS key
MERGE (t:SignInThrottle {key: key})
ON CREATE SET t.failures = 0, t.locks = 0, t.lockedUntil = 0, t.lastFailureAt = 0
WITH t
// @use lock(t) -> locked
RETURN t {.key, .failures, .locks, .lockedUntil, .lastFailureAt} AS throttle
