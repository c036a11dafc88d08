/**
 * Signing in with a login name and password. One write transaction per attempt: it locks the
 * failed-sign-in counters of the name and of the address (so parallel guesses count one after another),
 * refuses at once while either is locked, checks the password, and writes the outcome — the session,
 * or the counted failure and any lock it caused — with its change-log entries.
 *
 * What the caller learns is the same for an unknown name, a wrong password and a disabled account
 * ("wrong name or password"), and takes as long: an unknown name is checked against a dummy hash.
 * A lock is told (429 with the wait), for known and unknown names alike, so it tells nothing either.
 */
import { createHash, randomBytes } from 'node:crypto';
import { changeSequence, recordChange } from '../../graph/change-log.ts';
import type { Config } from '../../graph/config.ts';
import type { GraphStore, WriteTx } from '../../graph/graph-store.ts';
import { ACCOUNT_KIND, type Account, accountEntityId, normalLogin, publicAccount, type StoredAccount } from './accounts.ts';
import { verifyNothing, verifyPassword } from './password.ts';
import { afterFailure, lockedFor, type Throttle, type ThrottlePolicy } from './throttle.ts';

export interface SessionTimes {
  idleMs: number;
  maxMs: number;
}

export function sessionTimesOf(config: Config): SessionTimes {
  return { idleMs: config.SESSION_IDLE_MINUTES * 60_000, maxMs: config.SESSION_MAX_HOURS * 3_600_000 };
}

/** The per-name and per-address policies the settings describe. */
export function throttlePoliciesOf(config: Config): { login: ThrottlePolicy; address: ThrottlePolicy } {
  const base = {
    windowMs: 15 * 60_000,
    baseLockMs: config.SIGN_IN_LOCK_SECONDS * 1000,
    maxLockMs: config.SIGN_IN_MAX_LOCK_MINUTES * 60_000,
  };
  return {
    login: { ...base, maxFailures: config.SIGN_IN_MAX_FAILURES },
    address: { ...base, maxFailures: config.SIGN_IN_MAX_FAILURES_PER_ADDRESS },
  };
}

/** A session's id in the store: the SHA-256 of the cookie's secret, so a read of the store signs no one in. */
export const sessionIdOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

export interface NewSession {
  /** The cookie's value (shown to the browser only). */
  secret: string;
  csrf: string;
  expiresAt: number;
}

/** Opens a session for an account inside `tx` (sign-in, or the OIDC callback). */
export async function openSession(
  tx: WriteTx,
  login: string,
  address: string | null,
  times: SessionTimes,
  now = Date.now(),
): Promise<NewSession> {
  const secret = randomBytes(32).toString('base64url');
  const csrf = randomBytes(32).toString('base64url');
  const expiresAt = now + times.maxMs;
  await tx.run('accounts/create-session', {
    session: { id: sessionIdOf(secret), login, csrf, createdAt: now, lastSeenAt: now, expiresAt, address },
    now,
    idleMs: times.idleMs,
  });
  return { secret, csrf, expiresAt };
}

export type SignInResult =
  | { outcome: 'signedIn'; account: Account; session: NewSession }
  | { outcome: 'failed' }
  | { outcome: 'locked'; retryAfter: number };

export interface SignInAttempt {
  login: string;
  password: string;
  address: string;
}

type PasswordCheck =
  | { outcome: 'ok'; login: string; user: StoredAccount; now: number; next: ReturnType<typeof changeSequence>; entityId: string }
  | { outcome: 'failed' }
  | { outcome: 'locked'; retryAfter: number };

/**
 * A password checked under the failed-sign-in policy, inside `tx`: refused at once while the name or
 * the address is locked (no password checked at all), a success clears the name's counter, a failure is
 * counted for both and logged with any lock it caused. Signing in and changing one's own password (its
 * current password) both check here, so a session cookie cannot be used to guess its account's password
 * past the limit.
 */
async function checkPassword(tx: WriteTx, config: Config, attempt: SignInAttempt): Promise<PasswordCheck> {
  const login = normalLogin(attempt.login);
  const policies = throttlePoliciesOf(config);
  const keys = { login: `login:${login}`, address: `address:${attempt.address}` };
  const now = Date.now();
  const rows = await tx.run<{ throttle: Throttle }>('accounts/read-throttles', { keys: [keys.login, keys.address] });
  const byKey = new Map(rows.map((row) => [row.throttle.key, row.throttle]));
  const forLogin = byKey.get(keys.login)!;
  const forAddress = byKey.get(keys.address)!;
  const wait = Math.max(lockedFor(forLogin, now), lockedFor(forAddress, now));
  if (wait > 0) return { outcome: 'locked', retryAfter: wait };

  const [row] = login ? await tx.run<{ user: StoredAccount }>('accounts/find-user', { login }) : [];
  const user = row?.user;
  const passwordOk = user?.passwordHash ? await verifyPassword(user.passwordHash, attempt.password) : await verifyNothing(attempt.password);
  const next = changeSequence(user?.name ?? (login || '?'), new Date(now).toISOString());
  const entityId = accountEntityId(login || '?');

  if (passwordOk && user?.status === 'active') {
    await tx.run('accounts/clear-throttle', { key: keys.login });
    return { outcome: 'ok', login, user, now, next, entityId };
  }

  // A failure: counted for the name and the address; a count that reaches its limit locks the key.
  const loginStep = afterFailure(forLogin, now, policies.login);
  const addressStep = afterFailure(forAddress, now, policies.address);
  await tx.run('accounts/write-throttle', { throttle: loginStep.next });
  await tx.run('accounts/write-throttle', { throttle: addressStep.next });
  // Why it failed is for auditors (the log), never for the caller.
  const reason = !user ? 'unknown login' : user.status !== 'active' ? 'account disabled' : 'wrong password';
  await recordChange(tx, next('signInFailed'), {
    entityId,
    entityKind: ACCOUNT_KIND,
    before: null,
    after: { login, address: attempt.address },
    reason,
  });
  for (const [step, what, policy] of [
    [loginStep, keys.login, policies.login],
    [addressStep, keys.address, policies.address],
  ] as const) {
    if (!step.locked) continue;
    await recordChange(tx, next('lockSignIn'), {
      entityId: what.startsWith('login:') ? entityId : what,
      entityKind: ACCOUNT_KIND,
      before: null,
      after: { key: what, address: attempt.address, until: new Date(step.next.lockedUntil).toISOString(), lockNumber: step.next.locks },
      reason: `${policy.maxFailures} failed sign-ins`,
    });
  }
  const locked = Math.max(lockedFor(loginStep.next, now), lockedFor(addressStep.next, now));
  return locked > 0 ? { outcome: 'locked', retryAfter: locked } : { outcome: 'failed' };
}

export async function signIn(store: GraphStore, config: Config, attempt: SignInAttempt): Promise<SignInResult> {
  return store.write(async (tx) => {
    const checked = await checkPassword(tx, config, attempt);
    if (checked.outcome !== 'ok') return checked;
    const { login, now, next, entityId } = checked;
    const [updated] = await tx.run<{ user: StoredAccount }>('accounts/update-user', {
      login,
      changes: { lastSignInAt: new Date(now).toISOString() },
    });
    const session = await openSession(tx, login, attempt.address, sessionTimesOf(config), now);
    await recordChange(tx, next('signIn'), {
      entityId,
      entityKind: ACCOUNT_KIND,
      before: null,
      after: { login, address: attempt.address, via: 'password' },
    });
    return { outcome: 'signedIn', account: publicAccount(updated!.user), session };
  });
}

/**
 * The current password a signed-in person gives to change it (POST /session/password), checked as a
 * sign-in is: the same counters, locks and log entries. Committed on its own, so a wrong guess counts
 * even though the change it was for is refused.
 */
export async function checkCurrentPassword(
  store: GraphStore,
  config: Config,
  attempt: SignInAttempt,
): Promise<{ outcome: 'ok' } | { outcome: 'failed' } | { outcome: 'locked'; retryAfter: number }> {
  const checked = await store.write((tx) => checkPassword(tx, config, attempt));
  return checked.outcome === 'ok' ? { outcome: 'ok' } : checked;
}
