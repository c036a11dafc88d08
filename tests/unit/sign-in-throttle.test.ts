/**
 * The failed-sign-in policy (server/accounts/throttle.ts) and the password rules
 * (server/accounts/password.ts), without a database: when a key locks, how long each lock lasts, when
 * old failures are forgotten; which new passwords are refused and why.
 */
import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, temporaryPassword, verifyNothing, verifyPassword } from '../../server/accounts/password.ts';
import { afterFailure, lockedFor, type Throttle, type ThrottlePolicy } from '../../server/accounts/throttle.ts';

const POLICY: ThrottlePolicy = { maxFailures: 10, windowMs: 15 * 60_000, baseLockMs: 60_000, maxLockMs: 3_600_000 };
const fresh = (): Throttle => ({ key: 'login:x', failures: 0, locks: 0, lockedUntil: 0, lastFailureAt: 0 });

function fail(times: number, start: Throttle, now: number) {
  let throttle = start;
  const locked: boolean[] = [];
  for (let i = 0; i < times; i += 1) {
    const step = afterFailure(throttle, now + i, POLICY);
    throttle = step.next;
    locked.push(step.locked);
  }
  return { throttle, locked };
}

describe('the failed-sign-in policy', () => {
  it('locks on the tenth failure in a row, for a minute', () => {
    const now = 1_000_000_000;
    const { throttle, locked } = fail(10, fresh(), now);
    expect(locked).toEqual([false, false, false, false, false, false, false, false, false, true]);
    expect(lockedFor(throttle, now + 9)).toBe(60);
    expect(lockedFor(throttle, now + 9 + 60_000)).toBe(0);
  });

  it('doubles each further lock, up to the longest', () => {
    let throttle = fresh();
    const lengths: number[] = [];
    for (let lock = 0; lock < 8; lock += 1) {
      const now = 2_000_000_000 + lock * 10_000_000;
      throttle = fail(10, throttle, now).throttle;
      lengths.push(lockedFor(throttle, now + 9));
    }
    expect(lengths).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600]);
  });

  it('forgets failures older than the window', () => {
    const now = 3_000_000_000;
    const nine = fail(9, fresh(), now).throttle;
    const later = afterFailure(nine, now + POLICY.windowMs + 60_000, POLICY);
    expect(later.locked).toBe(false);
    expect(later.next.failures).toBe(1);
  });
});

describe('passwords', () => {
  it('refuses short, common, login-containing and monotonous ones, saying why', () => {
    expect(passwordProblem('short1', 'li.na')).toMatch(/at least 10/);
    expect(passwordProblem('QwertyUIOP123', 'li.na')).toMatch(/commonest/);
    expect(passwordProblem('li.na-in-jinan-2025', 'li.na')).toMatch(/login/);
    expect(passwordProblem('abababababab', 'li.na')).toMatch(/4 different/);
    expect(passwordProblem('x'.repeat(257), 'li.na')).toMatch(/at most 256/);
    expect(passwordProblem('violet-harbour-lantern-42', 'li.na')).toBeNull();
  });

  it('hashes with argon2id and a salt of its own each time; a temporary password passes the rules', async () => {
    const a = await hashPassword('violet-harbour-lantern-42');
    const b = await hashPassword('violet-harbour-lantern-42');
    expect(a).toMatch(/^\$argon2id\$v=19\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'violet-harbour-lantern-42')).toBe(true);
    expect(await verifyPassword(a, 'violet-harbour-lantern-43')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
    expect(await verifyNothing('anything')).toBe(false);
    const temporary = temporaryPassword();
    expect(temporary).toMatch(/^[a-zA-Z2-9]{16}$/);
    expect(passwordProblem(temporary, 'li.na')).toBeNull();
  });
});
