/**
 * People's accounts, stored as :User nodes (never :Entity: they are not part of the organization graph,
 * its search, exports or backups). Every change to an account is one write transaction that also writes
 * its change-log entry (entityKind Account), like every other write; the admin mutations
 * (resolvers/accounts.ts) and `npm run user` (user-cli.ts) both come through here.
 *
 * Rules kept here and nowhere else: a login name's form, an editor needs an existing scope area and no
 * other role has one, the last active administrator cannot be disabled or demoted, a temporary password
 * (add or reset) must be changed at the next sign-in, and disabling or resetting ends the account's
 * sessions.
 */

import { changeIds, recordChange } from '../../graph/change-log.ts';
import { badInput, conflict, notFound } from '../../graph/errors.ts';
import type { GraphStore, WriteTx } from '../../graph/graph-store.ts';
import { type Principal, ROLES, type Role } from '../auth/principal.ts';
import { hashPassword, passwordProblem, temporaryPassword, verifyPassword } from './password.ts';

/** The change log's entityKind for everything about accounts and sign-ins (shown to auditors only). */
export const ACCOUNT_KIND = 'Account';
/**
 * Who sees the log's entries about accounts and sign-ins (they name people and their addresses):
 * auditors and administrators, not editors or viewers.
 */
export const mayReadAccountLog = (principal: Principal | null) => principal?.role === 'admin' || principal?.role === 'auditor';

export const STATUSES = ['active', 'disabled'] as const;
export type Status = (typeof STATUSES)[number];

export interface Account {
  login: string;
  name: string;
  role: Role;
  scope: string | null;
  status: Status;
  lastSignInAt: string | null;
  mustChangePassword: boolean;
  createdAt: string;
  /** Where the account comes from: 'local' (password) or 'oidc' (single sign-on: server/accounts/oidc-sign-in.ts). */
  source: string;
}

export interface StoredAccount extends Account {
  passwordHash?: string | null;
}

/** Who does it and from where: the change log's actor and the address it records. */
export interface Actor {
  name: string;
  address: string | null;
}

/** The change log's entity id for an account (also for a login name that has none). */
export const accountEntityId = (login: string) => `account:${login}`;

const LOGIN = /^[\p{L}\p{N}][\p{L}\p{N}._@-]{1,63}$/u;

/** A login name as stored: NFKC, lower case; 2–64 letters, digits, '.', '_', '@' or '-'. */
export function loginArg(field: string, value: string): string {
  const login = value.normalize('NFKC').trim().toLowerCase();
  if (!LOGIN.test(login)) throw badInput(field, 'must be 2–64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit');
  return login;
}

/** The same normalization without the refusal: the key failed sign-ins are counted under. */
export const normalLogin = (value: string) => value.normalize('NFKC').trim().toLowerCase().slice(0, 64);

function nameArg(field: string, value: string): string {
  const name = value.trim();
  if (name.length < 1 || [...name].length > 64) throw badInput(field, 'must be 1–64 characters');
  return name;
}

function roleArg(field: string, value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw badInput(field, `must be one of ${ROLES.join(', ')}`);
  return value as Role;
}

export function newPasswordArg(field: string, password: string, login: string): string {
  const problem = passwordProblem(password, login);
  if (problem) throw badInput(field, problem);
  return password;
}

/** The scope a role keeps: an editor's must name an existing area; other roles have none. */
export async function scopeFor(tx: WriteTx, role: Role, scope: string | null | undefined): Promise<string | null> {
  if (role !== 'editor') {
    if (scope != null) throw badInput('scope', `only an editor has a scope area (this account is ${role})`);
    return null;
  }
  if (scope == null || scope.trim() === '') throw badInput('scope', 'an editor needs the id of the area it may change');
  const [area] = await tx.run<{ id: string }>('accounts/find-area', { id: scope.trim() });
  if (!area) throw notFound('scope', scope);
  return area.id;
}

const PUBLIC_FIELDS = ['login', 'name', 'role', 'scope', 'status', 'lastSignInAt', 'mustChangePassword', 'createdAt', 'source'] as const;

/** An account as the API and the log show it: never its password hash. */
export function publicAccount(row: StoredAccount): Account {
  const out = Object.fromEntries(PUBLIC_FIELDS.map((key) => [key, row[key] ?? null])) as unknown as Account;
  out.mustChangePassword = row.mustChangePassword === true;
  return out;
}

/** The state the log records for an account: what an auditor needs, no secrets. */
export const logState = (a: Account) => ({ login: a.login, name: a.name, role: a.role, scope: a.scope, status: a.status });

async function lockAccount(tx: WriteTx, field: string, login: string): Promise<StoredAccount> {
  // update-user with no changes takes the node's write lock: what follows sees no concurrent change.
  const [row] = await tx.run<{ user: StoredAccount }>('accounts/update-user', { login, changes: {} });
  if (!row) throw notFound(field, login);
  const [full] = await tx.run<{ user: StoredAccount }>('accounts/find-user', { login });
  return full!.user;
}

/** Counts the active administrators, holding their locks until the transaction ends. */
async function activeAdmins(tx: WriteTx): Promise<number> {
  const [row] = await tx.run<{ admins: number }>('accounts/lock-admins');
  return row?.admins ?? 0;
}

/**
 * The one rule that keeps somebody able to administer: the last active administrator is neither
 * demoted nor disabled — not by 用户管理 (changeAccount, setAccountStatus) and not by an identity
 * provider's claims at sign-in (oidc-sign-in.ts). Call it after locking the account.
 */
export async function isLastActiveAdmin(tx: WriteTx, account: Pick<Account, 'role' | 'status'>): Promise<boolean> {
  return account.role === 'admin' && account.status === 'active' && (await activeAdmins(tx)) <= 1;
}

export const lastAdminReason = (login: string) => `${login} is the last active administrator; make another one first`;

async function update(tx: WriteTx, login: string, changes: Record<string, unknown>): Promise<Account> {
  const [row] = await tx.run<{ user: StoredAccount }>('accounts/update-user', { login, changes });
  return publicAccount(row!.user);
}

async function log(tx: WriteTx, actor: Actor, action: string, login: string, before: Account | null, after: Record<string, unknown>) {
  const next = changeIds(actor.name, action);
  await recordChange(tx, next(), {
    entityId: accountEntityId(login),
    entityKind: ACCOUNT_KIND,
    before: before && logState(before),
    after: { ...after, address: actor.address },
  });
}

export interface AddAccountInput {
  login: string;
  name?: string | null;
  role: string;
  scope?: string | null;
  /** A password the person chose (the CLI); none: a temporary one is made and must be changed. */
  password?: string | null;
}

/** Adds an account; returns it and, when no password was given, the temporary one (shown once). */
export async function addAccount(
  store: GraphStore,
  actor: Actor,
  input: AddAccountInput & { password: null },
): Promise<{ account: Account; temporaryPassword: string }>;
export async function addAccount(
  store: GraphStore,
  actor: Actor,
  input: AddAccountInput,
): Promise<{ account: Account; temporaryPassword: string | null }>;
export async function addAccount(store: GraphStore, actor: Actor, input: AddAccountInput) {
  const login = loginArg('login', input.login);
  const name = nameArg('name', input.name ?? login);
  const role = roleArg('role', input.role);
  const chosen = input.password == null ? null : newPasswordArg('password', input.password, login);
  const password = chosen ?? temporaryPassword();
  const passwordHash = await hashPassword(password);
  return store.write(async (tx) => {
    const scope = await scopeFor(tx, role, input.scope);
    const [existing] = await tx.run('accounts/find-user', { login });
    if (existing) throw conflict('login', `an account named "${login}" already exists`);
    const user = {
      login,
      name,
      role,
      scope,
      status: 'active',
      passwordHash,
      mustChangePassword: chosen == null,
      createdAt: new Date().toISOString(),
      source: 'local',
    };
    const [row] = await tx.run<{ user: StoredAccount }>('accounts/create-user', { user });
    const account = publicAccount(row!.user);
    await log(tx, actor, 'addUser', login, null, logState(account));
    return { account, temporaryPassword: chosen == null ? password : null };
  });
}

export interface ChangeAccountInput {
  login: string;
  name?: string | null;
  role?: string | null;
  scope?: string | null;
}

/** Changes an account's display name, role or scope (a role other than editor drops the scope). */
export async function changeAccount(store: GraphStore, actor: Actor, input: ChangeAccountInput): Promise<Account> {
  const login = loginArg('login', input.login);
  const name = input.name == null ? null : nameArg('name', input.name);
  const role = input.role == null ? null : roleArg('role', input.role);
  return store.write(async (tx) => {
    const before = publicAccount(await lockAccount(tx, 'login', login));
    const nextRole = role ?? before.role;
    // No scope given: an editor keeps its area; a role that has none drops it.
    const scope = await scopeFor(tx, nextRole, input.scope ?? (nextRole === 'editor' ? before.scope : null));
    if (nextRole !== 'admin' && (await isLastActiveAdmin(tx, before))) throw conflict('role', lastAdminReason(login));
    const after = await update(tx, login, { name: name ?? before.name, role: nextRole, scope });
    const action = before.role !== after.role || before.scope !== after.scope ? 'changeUserRole' : 'changeUser';
    await log(tx, actor, action, login, before, logState(after));
    return after;
  });
}

/** Disables (ending its sessions at once) or re-enables an account. */
export async function setAccountStatus(store: GraphStore, actor: Actor, rawLogin: string, status: Status): Promise<Account> {
  const login = loginArg('login', rawLogin);
  return store.write(async (tx) => {
    const before = publicAccount(await lockAccount(tx, 'login', login));
    if (status === 'disabled' && (await isLastActiveAdmin(tx, before))) throw conflict('login', lastAdminReason(login));
    const after = await update(tx, login, { status });
    const [ended] = await tx.run<{ ended: number }>('accounts/delete-user-sessions', { login, keep: null });
    await log(tx, actor, status === 'disabled' ? 'disableUser' : 'enableUser', login, before, {
      ...logState(after),
      sessionsEnded: status === 'disabled' ? (ended?.ended ?? 0) : 0,
    });
    return after;
  });
}

/**
 * A password set by someone other than the account's holder (a reset, the command line): in one
 * transaction the hash is replaced, the account's sessions end, its failed sign-ins are forgotten (a
 * lock is lifted) and the change log records it.
 */
async function replacePassword(
  store: GraphStore,
  actor: Actor,
  action: 'resetPassword' | 'setPassword',
  login: string,
  passwordHash: string,
  mustChangePassword: boolean,
): Promise<Account> {
  return store.write(async (tx) => {
    const before = publicAccount(await lockAccount(tx, 'login', login));
    const account = await update(tx, login, { passwordHash, mustChangePassword });
    await tx.run('accounts/delete-user-sessions', { login, keep: null });
    await tx.run('accounts/clear-throttle', { key: `login:${login}` });
    await log(tx, actor, action, login, before, logState(account));
    return account;
  });
}

/**
 * An administrator's reset: a new temporary password (returned once), to be changed at the next
 * sign-in; the account's sessions end and its failed sign-ins are forgotten (a lock is lifted).
 */
export async function resetAccountPassword(store: GraphStore, actor: Actor, rawLogin: string) {
  const login = loginArg('login', rawLogin);
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const account = await replacePassword(store, actor, 'resetPassword', login, passwordHash, true);
  return { account, temporaryPassword: password };
}

/**
 * Sets a password chosen on the command line (npm run user -- password): no change is forced at the
 * next sign-in; the account's sessions end and a lock is lifted, as on a reset.
 */
export async function setAccountPassword(store: GraphStore, actor: Actor, rawLogin: string, password: string): Promise<Account> {
  const login = loginArg('login', rawLogin);
  const passwordHash = await hashPassword(newPasswordArg('password', password, login));
  return replacePassword(store, actor, 'setPassword', login, passwordHash, false);
}

/**
 * A person changes their own password: the current one must be right (BAD_USER_INPUT on `current`
 * otherwise). Their other sessions end; `keepSession` (the one asking) stays.
 */
export async function changeOwnPassword(
  store: GraphStore,
  actor: Actor,
  input: { login: string; current: string; next: string; keepSession: string | null },
): Promise<Account> {
  const login = loginArg('login', input.login);
  const next = newPasswordArg('next', input.next, login);
  if (next === input.current) throw badInput('next', 'must differ from the current password');
  const [row] = await store.read<{ user: StoredAccount }>('accounts/find-user', { login });
  if (!row) throw notFound('login', login);
  if (!row.user.passwordHash || !(await verifyPassword(row.user.passwordHash, input.current))) {
    throw badInput('current', 'is not your current password');
  }
  const passwordHash = await hashPassword(next);
  return store.write(async (tx) => {
    const before = publicAccount(await lockAccount(tx, 'login', login));
    const account = await update(tx, login, { passwordHash, mustChangePassword: false });
    await tx.run('accounts/delete-user-sessions', { login, keep: input.keepSession });
    await log(tx, actor, 'changePassword', login, before, logState(account));
    return account;
  });
}

export async function listAccounts(store: GraphStore): Promise<Account[]> {
  const rows = await store.read<{ user: StoredAccount }>('accounts/list-users');
  return rows.map((row) => publicAccount(row.user));
}

/** How many administrators can sign in with a password (production's start check). */
export async function countActiveAdmins(store: GraphStore): Promise<number> {
  const [row] = await store.read<{ admins: number }>('accounts/count-admins');
  return row?.admins ?? 0;
}
