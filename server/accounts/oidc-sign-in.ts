/**
 * Signing in through the identity provider (single sign-on), once server/auth/oidc.ts has checked the
 * ID token: the person's account is found by (issuer, subject) or made, its role and scope come from
 * the claims when they carry them, and a session opens exactly as after a password sign-in
 * (sign-in.ts openSession), in one write transaction with its change-log entries.
 *
 * Claims that carry no usable role (none, or one this product does not know, or an editor without an
 * existing scope area) make a first-time account disabled, role viewer: an administrator assigns its
 * role and scope and enables it (用户管理), and until then the callback shows a page saying so. When the
 * claims do carry a role, they are the source of truth: a changed role or scope is written at each
 * sign-in (logged as changeUserRole); when they carry none, what the administrator assigned stays.
 */
import { createHash } from 'node:crypto';
import { changeSequence, recordChange } from '../../graph/change-log.ts';
import type { Config } from '../../graph/config.ts';
import { ApiError } from '../../graph/errors.ts';
import type { GraphStore, WriteTx } from '../../graph/graph-store.ts';
import { ROLES, type Role } from '../auth/principal.ts';
import {
  ACCOUNT_KIND,
  type Account,
  accountEntityId,
  isLastActiveAdmin,
  lastAdminReason,
  loginArg,
  logState,
  publicAccount,
  type StoredAccount,
  scopeFor,
} from './accounts.ts';
import { type NewSession, openSession, sessionTimesOf } from './sign-in.ts';

/** What the provider said about the person (ID token claims, with the userinfo ones when asked). */
export type Claims = Record<string, unknown>;

export interface OidcIdentity {
  issuer: string;
  subject: string;
  claims: Claims;
  address: string;
}

export type OidcSignInResult =
  | { outcome: 'signedIn'; account: Account; session: NewSession }
  /** The account exists but is disabled: new and waiting for an administrator, or disabled by one. */
  | { outcome: 'pending'; account: Account; created: boolean; reason: string };

/** Most privileged first: a list of roles in the claim gives the first of these it holds. */
const BY_PRIVILEGE: readonly Role[] = ['admin', 'editor', 'auditor', 'viewer'];

/** A claim by name; a dotted name that is not itself a claim reads nested objects (realm_access.roles). */
export function claimOf(claims: Claims, name: string): unknown {
  if (name in claims) return claims[name];
  let value: unknown = claims;
  for (const part of name.split('.')) {
    if (value == null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

const strings = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());

/** The role and scope the claims name, or why they name none this product can use. */
export function roleFromClaims(claims: Claims, config: Pick<Config, 'OIDC_ROLE_CLAIM' | 'OIDC_SCOPE_CLAIM'>) {
  const named = strings(claimOf(claims, config.OIDC_ROLE_CLAIM));
  if (named.length === 0) return { role: null, scope: null, reason: `no ${config.OIDC_ROLE_CLAIM} claim` } as const;
  const role = BY_PRIVILEGE.find((r) => named.includes(r));
  if (!role) return { role: null, scope: null, reason: `${config.OIDC_ROLE_CLAIM} claim names no role of ${ROLES.join(', ')}` } as const;
  const scope = role === 'editor' ? (strings(claimOf(claims, config.OIDC_SCOPE_CLAIM))[0] ?? null) : null;
  return { role, scope, reason: null } as const;
}

/**
 * The login name a new account gets: the provider's preferred_username (or email) when it is a valid,
 * free name, else "sso-" and a short hash of the subject (never an existing account's name: a local
 * account is not taken over by someone the provider names alike).
 */
async function freeLogin(tx: WriteTx, identity: OidcIdentity): Promise<string> {
  for (const candidate of strings([identity.claims.preferred_username, identity.claims.email])) {
    let login: string;
    try {
      login = loginArg('login', candidate);
    } catch {
      continue;
    }
    const [taken] = await tx.run('accounts/find-user', { login });
    if (!taken) return login;
  }
  const hash = createHash('sha256').update(`${identity.issuer}#${identity.subject}`).digest('hex');
  return `sso-${hash.slice(0, 12)}`;
}

const displayName = (claims: Claims, login: string) => {
  const name = strings([claims.name, claims.preferred_username])[0] ?? login;
  return [...name].slice(0, 64).join('');
};

/** The role and scope the claims give, checked as an administrator's choice is (accounts.ts scopeFor). */
async function assignedByClaims(tx: WriteTx, config: Config, claims: Claims) {
  const named = roleFromClaims(claims, config);
  if (!named.role) return { role: null, scope: null, reason: named.reason };
  try {
    return { role: named.role, scope: await scopeFor(tx, named.role, named.scope), reason: null };
  } catch (error) {
    if (error instanceof ApiError) return { role: null, scope: null, reason: `${config.OIDC_SCOPE_CLAIM} claim: ${error.message}` };
    throw error;
  }
}

export async function signInWithOidc(store: GraphStore, config: Config, identity: OidcIdentity): Promise<OidcSignInResult> {
  return store.write(async (tx) => {
    const now = Date.now();
    const at = new Date(now).toISOString();
    const assigned = await assignedByClaims(tx, config, identity.claims);
    const [found] = await tx.run<{ user: StoredAccount }>('accounts/find-user-by-subject', {
      issuer: identity.issuer,
      subject: identity.subject,
    });
    let account: Account;
    let created = false;
    let kept: string | null = null;
    // One sequence for the transaction's entries (they share a time; the sequence keeps their order).
    let next: ReturnType<typeof changeSequence>;
    if (!found) {
      const login = await freeLogin(tx, identity);
      const name = displayName(identity.claims, login);
      next = changeSequence(name, at);
      const user = {
        login,
        name,
        role: assigned.role ?? 'viewer',
        scope: assigned.scope,
        status: assigned.role ? 'active' : 'disabled',
        passwordHash: null,
        mustChangePassword: false,
        createdAt: at,
        source: 'oidc',
        oidcIssuer: identity.issuer,
        oidcSubject: identity.subject,
      };
      const [row] = await tx.run<{ user: StoredAccount }>('accounts/create-user', { user });
      account = publicAccount(row!.user);
      created = true;
      await recordChange(tx, next('addUser'), {
        entityId: accountEntityId(login),
        entityKind: ACCOUNT_KIND,
        before: null,
        after: { ...logState(account), source: 'oidc', issuer: identity.issuer, address: identity.address },
        ...(assigned.role ? {} : { reason: `waiting for an administrator: ${assigned.reason}` }),
      });
    } else {
      account = publicAccount(found.user);
      next = changeSequence(account.name, at);
      // The claims may not demote the last active administrator (the rule 用户管理 follows too): the
      // role stays and the sign-in's log entry says why, for an administrator to settle.
      if (assigned.role && assigned.role !== 'admin' && (await isLastActiveAdmin(tx, account))) {
        kept = `the identity provider ${identity.issuer} names role ${assigned.role}; kept admin: ${lastAdminReason(account.login)}`;
      } else if (assigned.role && (assigned.role !== account.role || assigned.scope !== account.scope)) {
        const before = account;
        const [row] = await tx.run<{ user: StoredAccount }>('accounts/update-user', {
          login: account.login,
          changes: { role: assigned.role, scope: assigned.scope },
        });
        account = publicAccount(row!.user);
        await recordChange(tx, next('changeUserRole'), {
          entityId: accountEntityId(account.login),
          entityKind: ACCOUNT_KIND,
          before: logState(before),
          after: { ...logState(account), address: identity.address },
          reason: `role and scope from the identity provider ${identity.issuer}`,
        });
      }
    }

    const entityId = accountEntityId(account.login);
    if (account.status !== 'active') {
      const reason = created ? `new account waiting for an administrator (${assigned.reason})` : 'account disabled';
      await recordChange(tx, next('signInFailed'), {
        entityId,
        entityKind: ACCOUNT_KIND,
        before: null,
        after: { login: account.login, address: identity.address, via: 'oidc' },
        reason,
      });
      return { outcome: 'pending', account, created, reason };
    }
    const [updated] = await tx.run<{ user: StoredAccount }>('accounts/update-user', {
      login: account.login,
      changes: { lastSignInAt: at },
    });
    const session = await openSession(tx, account.login, identity.address, sessionTimesOf(config), now);
    await recordChange(tx, next('signIn'), {
      entityId,
      entityKind: ACCOUNT_KIND,
      before: null,
      after: { login: account.login, address: identity.address, via: 'oidc' },
      ...(kept ? { reason: kept } : {}),
    });
    return { outcome: 'signedIn', account: publicAccount(updated!.user), session };
  });
}

/** A callback the provider or the flow refused (bad state, code, token): logged like a failed sign-in. */
export async function recordOidcFailure(store: GraphStore, address: string, reason: string): Promise<void> {
  await store.write(async (tx) => {
    await recordChange(tx, changeSequence('?', new Date().toISOString())('signInFailed'), {
      entityId: accountEntityId('?'),
      entityKind: ACCOUNT_KIND,
      before: null,
      after: { address, via: 'oidc' },
      reason,
    });
  });
}
