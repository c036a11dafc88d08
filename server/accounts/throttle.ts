/**
 * The failed-sign-in policy, as pure functions over a counter (stored per key in Neo4j by
 * sign-in.ts: "login:<name>" for an account, known or not, and "address:<ip>" for where the attempts
 * come from). A key that fails `maxFailures` times, each within `windowMs` of the one before, is locked;
 * each lock after the first lasts twice as long (back-off), up to `maxLockMs`. While locked, no password
 * is checked at all, right or wrong. A success clears the account's counter, never the address's.
 */

export interface Throttle {
  key: string;
  /** Failures since the last lock (or since the window lapsed). */
  failures: number;
  /** Locks so far: the next lasts baseLockMs · 2^locks. */
  locks: number;
  /** Epoch ms until which the key is locked (0: not locked). */
  lockedUntil: number;
  lastFailureAt: number;
}

export interface ThrottlePolicy {
  maxFailures: number;
  windowMs: number;
  baseLockMs: number;
  maxLockMs: number;
}

/** Seconds until a locked key may try again; 0 when it is not locked. */
export function lockedFor(throttle: Throttle, now: number): number {
  return throttle.lockedUntil > now ? Math.ceil((throttle.lockedUntil - now) / 1000) : 0;
}

/** The counter after one more failure, and whether that failure locked the key. */
export function afterFailure(throttle: Throttle, now: number, policy: ThrottlePolicy): { next: Throttle; locked: boolean } {
  const recent = now - throttle.lastFailureAt <= policy.windowMs;
  const failures = (recent ? throttle.failures : 0) + 1;
  if (failures < policy.maxFailures) return { next: { ...throttle, failures, lastFailureAt: now }, locked: false };
  const lockMs = Math.min(policy.maxLockMs, policy.baseLockMs * 2 ** Math.min(throttle.locks, 30));
  return { next: { ...throttle, failures: 0, locks: throttle.locks + 1, lockedUntil: now + lockMs, lastFailureAt: now }, locked: true };
}
