/**
 * People's sign-in (issue #18) against the real server and Neo4j: accounts added by the CLI's path and
 * by an administrator's mutation, sign-in with name and password, the session cookie and its CSRF
 * token, sign-out, a temporary password that must be changed, one answer for an unknown name and a
 * wrong password, the lock after ten wrong passwords (and the lock in the change log, shown to
 * auditors and not to viewers), a disabled account's session ending at once, idle timeout, and the
 * admin-only fields.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireAdministrator } from '../../server/accounts/start-check.ts';
import { SIGN_IN_REFUSED } from '../../server/routes/session.ts';
import { createAccount, removeAccounts, sessionGql, sessionHeaders, signInAs } from '../helpers/accounts.ts';
import { buildTestApp, gql, type TestApp, testConfig } from '../helpers/app.ts';
import { testDriver } from '../helpers/neo4j.ts';

const DANGJIA = 'sz-dangjia-subdistrict';
const ADMIN_PASSWORD = 'violet-harbour-lantern-42';
let app: TestApp;
const { driver, database } = testDriver();

beforeAll(async () => {
  app = await buildTestApp();
  await removeAccounts(driver, database);
  await createAccount(app, 'acc-admin', 'admin', ADMIN_PASSWORD);
});

afterAll(async () => {
  await removeAccounts(driver, database);
  await app?.close();
  await driver.close();
});

const ME = 'query Me { me { name role scope } }';

describe('signing in with a name and password', () => {
  it('opens a session in an HttpOnly SameSite=Strict cookie; GraphQL then answers as the account', async () => {
    const response = await app.inject({ method: 'POST', url: '/session', payload: { login: 'ACC-Admin', password: ADMIN_PASSWORD } });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'pg_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie?.value).toMatch(/^[\w-]{40,}$/);
    const body = response.json();
    expect(body.user).toMatchObject({ login: 'acc-admin', role: 'admin', mustChangePassword: false });
    const session = { cookie: cookie!.value, csrf: body.csrfToken as string };

    // The store keeps only the cookie's hash.
    const { records } = await driver.executeQuery(
      'MATCH (s:Session {login: $login}) RETURN s.id AS id',
      { login: 'acc-admin' },
      { database },
    );
    expect(records.map((r) => r.get('id'))).not.toContain(session.cookie);

    const me = await sessionGql<{ me: { name: string; role: string } }>(app, session, ME);
    expect(me.body.data?.me).toEqual({ name: 'acc-admin', role: 'admin', scope: null });
    const again = await app.inject({ method: 'GET', url: '/session', headers: sessionHeaders(session, false) });
    expect(again.json()).toMatchObject({ user: { login: 'acc-admin' }, csrfToken: session.csrf });
  });

  it('refuses a cookie-signed POST without the CSRF token, or with a wrong one', async () => {
    const session = await signInAs(app, 'acc-admin', ADMIN_PASSWORD);
    const missing = await sessionGql(app, session, ME, {}, false);
    expect(missing.status).toBe(403);
    expect(missing.body.errors?.[0]?.message).toMatch(/CSRF/);
    const wrong = await sessionGql(app, { cookie: session.cookie, csrf: `${session.csrf.slice(0, -2)}xx` }, ME);
    expect(wrong.status).toBe(403);
    // Sign-out is a write too.
    const out = await app.inject({ method: 'DELETE', url: '/session', headers: sessionHeaders(session, false) });
    expect(out.statusCode).toBe(403);
    expect((await sessionGql(app, session, ME)).body.data).toBeTruthy();
  });

  it('gives one answer for an unknown name and a wrong password', async () => {
    const unknown = await signInAs(app, 'nobody-here', 'whatever-password-1', '10.0.0.1');
    const wrong = await signInAs(app, 'acc-admin', 'whatever-password-1', '10.0.0.2');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect((unknown.body.error as { message: string }).message).toBe(SIGN_IN_REFUSED);
    expect(unknown.cookie).toBe('');
  });

  it('ends the session on sign-out, on the server', async () => {
    const session = await signInAs(app, 'acc-admin', ADMIN_PASSWORD);
    const out = await app.inject({ method: 'DELETE', url: '/session', headers: sessionHeaders(session) });
    expect(out.statusCode).toBe(204);
    // The old cookie, replayed, signs no one in.
    const replay = await sessionGql(app, session, ME);
    expect(replay.status).toBe(401);
    const get = await app.inject({ method: 'GET', url: '/session', headers: sessionHeaders(session, false) });
    expect(get.statusCode).toBe(401);
  });

  it('ends a session left idle past SESSION_IDLE_MINUTES', async () => {
    const session = await signInAs(app, 'acc-admin', ADMIN_PASSWORD);
    await driver.executeQuery(
      'MATCH (s:Session) WHERE s.lastSeenAt = s.createdAt AND s.login = $login SET s.lastSeenAt = s.lastSeenAt - $idle',
      { login: 'acc-admin', idle: 31 * 60_000 },
      { database },
    );
    expect((await sessionGql(app, session, ME)).status).toBe(401);
  });
});

describe('accounts managed by an administrator', () => {
  let admin: { cookie: string; csrf: string };
  beforeAll(async () => {
    admin = await signInAs(app, 'acc-admin', ADMIN_PASSWORD);
  });

  const ADD = `mutation Add($input: AddUserInput!) { addUser(input: $input) { temporaryPassword user { login role scope status mustChangePassword } } }`;

  it('adds an editor of 党家街道 with a temporary password that must be changed at the first sign-in', async () => {
    const added = await sessionGql<{ addUser: { temporaryPassword: string; user: Record<string, unknown> } }>(app, admin, ADD, {
      input: { login: 'acc-editor', name: '党家编辑', role: 'editor', scope: DANGJIA },
    });
    expect(added.body.errors).toBeUndefined();
    const { temporaryPassword, user } = added.body.data!.addUser;
    expect(user).toEqual({ login: 'acc-editor', role: 'editor', scope: DANGJIA, status: 'active', mustChangePassword: true });
    expect(temporaryPassword).toMatch(/^\w{16}$/);

    const editor = await signInAs(app, 'acc-editor', temporaryPassword);
    expect(editor.status).toBe(200);
    expect(editor.body.user).toMatchObject({ mustChangePassword: true });
    // Until the password is changed, the session reaches only /session.
    expect((await sessionGql(app, editor, ME)).status).toBe(401);

    const change = (current: string, next: string) =>
      app.inject({ method: 'POST', url: '/session/password', payload: { current, next }, headers: sessionHeaders(editor) });
    const short = await change(temporaryPassword, 'short');
    expect(short.statusCode).toBe(400);
    expect(short.json().error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'next' });
    const common = await change(temporaryPassword, 'qwertyuiop123');
    expect(common.json().error.message).toMatch(/commonest/);
    const wrongCurrent = await change('not-the-current-one', 'amber-meadow-river-77');
    expect(wrongCurrent.json().error).toMatchObject({ field: 'current' });
    const ok = await change(temporaryPassword, 'amber-meadow-river-77');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user).toMatchObject({ mustChangePassword: false });

    const me = await sessionGql<{ me: { role: string; scope: string } }>(app, editor, ME);
    expect(me.body.data?.me).toMatchObject({ role: 'editor', scope: DANGJIA });
    // The old password no longer works; the new one does.
    expect((await signInAs(app, 'acc-editor', temporaryPassword, '10.0.0.3')).status).toBe(401);
    expect((await signInAs(app, 'acc-editor', 'amber-meadow-river-77')).status).toBe(200);
  });

  it('refuses a scope that names no area, a scope for a non-editor and a taken login, naming the field', async () => {
    const noArea = await sessionGql(app, admin, ADD, { input: { login: 'acc-x', role: 'editor', scope: 'no-such-area' } });
    expect(noArea.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'scope' });
    const viewerScope = await sessionGql(app, admin, ADD, { input: { login: 'acc-x', role: 'viewer', scope: DANGJIA } });
    expect(viewerScope.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'scope' });
    const taken = await sessionGql(app, admin, ADD, { input: { login: 'acc-admin', role: 'viewer' } });
    expect(taken.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'login' });
  });

  it('lets only administrators list and manage accounts', async () => {
    for (const role of ['editor', 'auditor', 'viewer'] as const) {
      const as = role === 'editor' ? { role, scope: DANGJIA } : { role };
      const list = await gql(app, 'query { users { login } }', {}, as);
      expect(list.errors?.[0]?.extensions?.code, role).toBe('FORBIDDEN');
      const add = await gql(app, ADD, { input: { login: `acc-by-${role}`, role: 'admin' } }, as);
      expect(add.errors?.[0]?.extensions?.code, role).toBe('FORBIDDEN');
    }
    const list = await sessionGql<{ users: { login: string }[] }>(app, admin, 'query { users { login role status } }');
    expect(list.body.data?.users.map((u) => u.login)).toEqual(expect.arrayContaining(['acc-admin', 'acc-editor']));
    expect(JSON.stringify(list.body)).not.toMatch(/argon2/);
  });

  it('keeps the last active administrator: it cannot be disabled or demoted', async () => {
    const disable = await sessionGql(app, admin, 'mutation { disableUser(login: "acc-admin") { status } }');
    expect(disable.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
    const demote = await sessionGql(app, admin, 'mutation { changeUser(input: { login: "acc-admin", role: "viewer" }) { role } }');
    expect(demote.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'role' });
  });

  it('disabling an account ends its open session at once; it cannot sign in again', async () => {
    await createAccount(app, 'acc-leaver', 'auditor', 'copper-willow-stream-9');
    const leaver = await signInAs(app, 'acc-leaver', 'copper-willow-stream-9');
    expect((await sessionGql(app, leaver, ME)).body.data).toMatchObject({ me: { role: 'auditor' } });
    const disabled = await sessionGql(app, admin, 'mutation { disableUser(login: "acc-leaver") { status } }');
    expect(disabled.body.data).toEqual({ disableUser: { status: 'disabled' } });
    expect((await sessionGql(app, leaver, ME)).status).toBe(401);
    const again = await signInAs(app, 'acc-leaver', 'copper-willow-stream-9', '10.0.0.4');
    expect(again.status).toBe(401);
    expect((again.body.error as { message: string }).message).toBe(SIGN_IN_REFUSED);
  });

  it('changes a role; the change, the add and the sign-ins are in the change log with who and from where', async () => {
    await createAccount(app, 'acc-mover', 'viewer', 'saffron-pebble-orbit-5');
    const changed = await sessionGql(
      app,
      admin,
      `mutation { changeUser(input: { login: "acc-mover", role: "editor", scope: "${DANGJIA}" }) { role scope } }`,
    );
    expect(changed.body.data).toEqual({ changeUser: { role: 'editor', scope: DANGJIA } });
    const log = await gql<{ changes: { nodes: { action: string; actor: string; before: string; after: string }[] } }>(
      app,
      'query { changes(entityId: "account:acc-mover") { nodes { action actor before after } } }',
      {},
      { role: 'auditor' },
    );
    const entries = log.data!.changes.nodes;
    expect(entries.map((e) => e.action)).toEqual(['changeUserRole', 'addUser']);
    expect(entries[0]!.actor).toBe('acc-admin');
    expect(JSON.parse(entries[0]!.before)).toMatchObject({ role: 'viewer', scope: null });
    expect(JSON.parse(entries[0]!.after)).toMatchObject({ role: 'editor', scope: DANGJIA, address: '127.0.0.1' });
    const signIns = await gql<{ changes: { nodes: { after: string }[] } }>(
      app,
      'query { changes(entityId: "account:acc-admin", action: "signIn") { nodes { after } } }',
      {},
      { role: 'auditor' },
    );
    expect(JSON.parse(signIns.data!.changes.nodes[0]!.after)).toMatchObject({ login: 'acc-admin', address: '127.0.0.1' });
  });
});

describe('failed sign-ins', () => {
  it('locks a name after ten wrong passwords (even the right one is then refused) and logs the lock', async () => {
    await createAccount(app, 'acc-target', 'viewer', 'indigo-thistle-canyon-3');
    const answers: number[] = [];
    // Each guess from another address: the name's own limit is what locks.
    for (let i = 1; i <= 10; i += 1) answers.push((await signInAs(app, 'acc-target', `wrong-guess-${i}-abc`, `192.0.2.${i}`)).status);
    expect(answers).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 401, 429]);
    const right = await app.inject({
      method: 'POST',
      url: '/session',
      payload: { login: 'acc-target', password: 'indigo-thistle-canyon-3' },
    });
    expect(right.statusCode).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    expect(right.json().error.code).toBe('RATE_LIMITED');

    const query = 'query { changes(entityId: "account:acc-target") { nodes { action reason after } } }';
    const asAuditor = await gql<{ changes: { nodes: { action: string; reason: string; after: string }[] } }>(
      app,
      query,
      {},
      { role: 'auditor' },
    );
    const actions = asAuditor.data!.changes.nodes.map((n) => n.action);
    expect(actions.filter((a) => a === 'signInFailed')).toHaveLength(10);
    const lock = asAuditor.data!.changes.nodes.find((n) => n.action === 'lockSignIn');
    expect(lock?.reason).toBe('10 failed sign-ins');
    expect(JSON.parse(lock!.after)).toMatchObject({ key: 'login:acc-target', address: '192.0.2.10', lockNumber: 1 });

    // Sign-in records name people and addresses: viewers (and editors) do not see them.
    for (const as of [{ role: 'viewer' as const }, { role: 'editor' as const, scope: DANGJIA }]) {
      const hidden = await gql<{ changes: { nodes: unknown[] } }>(app, query, {}, as);
      expect(hidden.data!.changes.nodes, as.role).toEqual([]);
    }
  });

  it('locks an unknown name the same way, so a lock tells nothing about which names exist', async () => {
    const answers: number[] = [];
    for (let i = 1; i <= 10; i += 1) answers.push((await signInAs(app, 'acc-ghost', `wrong-guess-${i}-abc`, `198.51.100.${i}`)).status);
    expect(answers.at(-1)).toBe(429);
  });

  it('an administrator reset lifts the lock and ends the account’s sessions', async () => {
    const admin = await signInAs(app, 'acc-admin', ADMIN_PASSWORD);
    const reset = await sessionGql<{ resetUserPassword: { temporaryPassword: string } }>(
      app,
      admin,
      'mutation { resetUserPassword(login: "acc-target") { temporaryPassword user { mustChangePassword } } }',
    );
    const temporary = reset.body.data!.resetUserPassword.temporaryPassword;
    const after = await signInAs(app, 'acc-target', temporary);
    expect(after.status).toBe(200);
    expect(after.body.user).toMatchObject({ mustChangePassword: true });
  });
});

describe('bearer tokens beside sessions', () => {
  it('still sign scripts in, and need no CSRF token', async () => {
    const me = await gql<{ me: { role: string } }>(app, ME, {}, { role: 'auditor' });
    expect(me.data?.me.role).toBe('auditor');
  });
});

describe('production start', () => {
  it('refuses to start with no active administrator and no identity provider, saying what to run', async () => {
    const production = testConfig({ NODE_ENV: 'production' });
    await expect(requireAdministrator(app.store, production)).resolves.toBeUndefined();
    const { records } = await driver.executeQuery(
      "MATCH (u:User {role: 'admin', status: 'active'}) SET u.status = 'disabled' RETURN collect(u.login) AS logins",
      {},
      { database },
    );
    const logins = records[0]!.get('logins') as string[];
    try {
      await expect(requireAdministrator(app.store, production)).rejects.toThrow(/npm run user -- add --login NAME --role admin/);
      // Development and the demo start as before; an identity provider's tokens carry their own roles.
      await expect(requireAdministrator(app.store, testConfig())).resolves.toBeUndefined();
      const key = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----';
      await expect(requireAdministrator(app.store, { ...production, AUTH_PUBLIC_KEY: key })).resolves.toBeUndefined();
    } finally {
      await driver.executeQuery("MATCH (u:User) WHERE u.login IN $logins SET u.status = 'active'", { logins }, { database });
    }
  });
});
