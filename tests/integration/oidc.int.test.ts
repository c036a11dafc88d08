/**
 * Single sign-on (issue #18) end to end: our server, listening on 127.0.0.1, against a real OpenID
 * provider (the certified oidc-provider package, tests/helpers/oidc-provider.ts) started here, with
 * PKCE required. The browser's path is followed with fetch — our /session/oidc/start, the provider's
 * sign-in and consent forms, the redirect back to our callback — and ends with our session cookie,
 * with which GraphQL answers as the account the claims describe. A person whose claims carry no role
 * ends on a page saying an administrator must assign it (the account made disabled); a callback whose
 * state was changed is refused, and a flow is used once.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireAdministrator } from '../../server/accounts/start-check.ts';
import { SESSION_COOKIE } from '../../server/auth/session.ts';
import { removeAccounts, sessionGql } from '../helpers/accounts.ts';
import { buildTestApp, type TestApp, testConfig } from '../helpers/app.ts';
import { testDriver } from '../helpers/neo4j.ts';
import { CLIENT_ID, CLIENT_SECRET, CookieJar, reserveProvider, signInAtProvider, type TestProvider } from '../helpers/oidc-provider.ts';

const DANGJIA = 'sz-dangjia-subdistrict';
const PEOPLE = {
  'editor-of-dangjia': { name: '统一认证编辑', preferred_username: 'sso.editor', party_role: 'editor', party_scope: DANGJIA },
  'no-role-yet': { name: '待分配人员', preferred_username: 'sso.newcomer' },
  'auditor-one': { name: '统一认证审计', preferred_username: 'sso.auditor', party_role: ['viewer', 'auditor'] },
  'sole-admin': { name: '统一认证管理员', preferred_username: 'sso.admin', party_role: 'admin' } as Record<string, unknown>,
};

let provider: TestProvider;
let app: TestApp;
let origin: string;
const { driver, database } = testDriver();

beforeAll(async () => {
  provider = await reserveProvider(PEOPLE);
  app = await buildTestApp({ OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET });
  await app.listen({ host: '127.0.0.1', port: 0 });
  origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  provider.serve(`${origin}/session/oidc/callback`);
  await removeAccounts(driver, database);
}, 120_000);

afterAll(async () => {
  await removeAccounts(driver, database);
  await app?.close();
  await provider?.close();
  await driver.close();
});

const ME = 'query Me { me { name role scope } }';

async function accountChanges(login: string) {
  const { records } = await driver.executeQuery(
    "MATCH (c:Change {entityKind: 'Account', entityId: $id}) RETURN c.action AS action, c.after AS after ORDER BY c.at, c.id",
    { id: `account:${login}` },
    { database },
  );
  return records.map((r) => ({ action: r.get('action') as string, after: String(r.get('after')) }));
}

describe('single sign-on through a real OpenID provider', () => {
  it('tells the sign-in screen that single sign-on is offered', async () => {
    const response = await fetch(`${origin}/session/oidc`);
    expect(await response.json()).toEqual({ enabled: true, start: '/session/oidc/start' });
  });

  it('starts with PKCE (S256), state and nonce, keeping them on the server', async () => {
    const response = await fetch(`${origin}/session/oidc/start`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const to = new URL(response.headers.get('location')!);
    expect(to.origin).toBe(provider.issuer);
    expect(to.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(to.searchParams.get('redirect_uri')).toBe(`${origin}/session/oidc/callback`);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(to.searchParams.get('state')).toBeTruthy();
    expect(to.searchParams.get('nonce')).toBeTruthy();
    expect(to.searchParams.get('scope')?.split(' ')).toContain('openid');
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('pg_oidc='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\/session\/oidc/);
    // The cookie names the flow; the verifier never leaves the server.
    expect(cookie).not.toContain(to.searchParams.get('state')!);
  });

  it('signs an editor in: the account made from the claims, our session cookie, me { role scope }, the log', async () => {
    const jar = new CookieJar();
    const end = await signInAtProvider(jar, `${origin}/session/oidc/start`, 'editor-of-dangjia');
    expect(end.url.startsWith(`${origin}/session/oidc/callback?`)).toBe(true);
    expect(end.status).toBe(200);
    expect(end.body).toContain('data-kind="signed-in"');
    const cookie = jar.get(origin, SESSION_COOKIE);
    expect(cookie).toMatch(/^[\w-]{40,}$/);

    // The same session as a password sign-in: GET /session gives the CSRF token, GraphQL answers.
    const session = await fetch(`${origin}/session`, { headers: { cookie: `${SESSION_COOKIE}=${cookie}` } });
    expect(session.status).toBe(200);
    const body = (await session.json()) as { user: { login: string; role: string }; csrfToken: string };
    expect(body.user).toMatchObject({ login: 'sso.editor', role: 'editor' });
    const me = await sessionGql<{ me: unknown }>(app, { cookie: cookie!, csrf: body.csrfToken }, ME);
    expect(me.body.data?.me).toEqual({ name: '统一认证编辑', role: 'editor', scope: DANGJIA });

    const { records } = await driver.executeQuery(
      "MATCH (u:User {login: 'sso.editor'}) RETURN u.source AS source, u.status AS status, u.oidcIssuer AS issuer, u.passwordHash AS hash",
      {},
      { database },
    );
    expect(records[0]?.toObject()).toEqual({ source: 'oidc', status: 'active', issuer: provider.issuer, hash: null });
    const log = await accountChanges('sso.editor');
    expect(log.map((c) => c.action)).toEqual(['addUser', 'signIn']);
    expect(log[1]!.after).toContain('oidc');

    // A second sign-in finds the same account (by issuer and subject) and opens a new session.
    const again = new CookieJar();
    const second = await signInAtProvider(again, `${origin}/session/oidc/start`, 'editor-of-dangjia');
    expect(second.status).toBe(200);
    expect(again.get(origin, SESSION_COOKIE)).not.toBe(cookie);
    expect((await accountChanges('sso.editor')).map((c) => c.action)).toEqual(['addUser', 'signIn', 'signIn']);
  });

  it('maps a list of roles to the most privileged one it names', async () => {
    const jar = new CookieJar();
    const end = await signInAtProvider(jar, `${origin}/session/oidc/start`, 'auditor-one');
    expect(end.status).toBe(200);
    const me = await sessionGql<{ me: unknown }>(app, { cookie: jar.get(origin, SESSION_COOKIE)!, csrf: '' }, ME, {}, false);
    // A GraphQL POST without the CSRF token is refused (403) like any cookie-signed write; read by GET.
    expect(me.status).toBe(403);
    const get = await app.inject({
      method: 'GET',
      url: `/graphql?query=${encodeURIComponent(ME)}`,
      headers: { cookie: `${SESSION_COOKIE}=${jar.get(origin, SESSION_COOKIE)}` },
    });
    expect(get.json().data.me).toEqual({ name: '统一认证审计', role: 'auditor', scope: null });
  });

  it('makes an account with no role claim disabled, waiting for an administrator, and says so', async () => {
    const jar = new CookieJar();
    const end = await signInAtProvider(jar, `${origin}/session/oidc/start`, 'no-role-yet');
    expect(end.status).toBe(403);
    expect(end.body).toContain('data-kind="pending"');
    expect(end.body).toContain('管理员');
    expect(end.body).toContain('sso.newcomer');
    expect(jar.get(origin, SESSION_COOKIE)).toBeUndefined();
    const { records } = await driver.executeQuery(
      "MATCH (u:User {login: 'sso.newcomer'}) RETURN u.status AS status, u.role AS role, u.source AS source",
      {},
      { database },
    );
    expect(records[0]?.toObject()).toEqual({ status: 'disabled', role: 'viewer', source: 'oidc' });
    expect((await accountChanges('sso.newcomer')).map((c) => c.action)).toEqual(['addUser', 'signInFailed']);

    // Once an administrator enables it (as 用户管理 does), the next single sign-on opens a session.
    await driver.executeQuery("MATCH (u:User {login: 'sso.newcomer'}) SET u.status = 'active'", {}, { database });
    const later = new CookieJar();
    const next = await signInAtProvider(later, `${origin}/session/oidc/start`, 'no-role-yet');
    expect(next.status).toBe(200);
    expect(later.get(origin, SESSION_COOKIE)).toBeTruthy();
  });

  it('keeps the last active administrator an administrator when the provider’s claims demote it', async () => {
    const first = new CookieJar();
    expect((await signInAtProvider(first, `${origin}/session/oidc/start`, 'sole-admin')).status).toBe(200);
    const admins = async () =>
      (
        await driver.executeQuery("MATCH (u:User {role: 'admin', status: 'active'}) RETURN collect(u.login) AS logins", {}, { database })
      ).records[0]!.get('logins') as string[];
    expect(await admins()).toEqual(['sso.admin']);

    // The provider now calls the only administrator a viewer: the rule that keeps an administrator
    // (用户管理 refuses the same demotion) holds here too, and the log says why the role was kept.
    PEOPLE['sole-admin'].party_role = 'viewer';
    try {
      const again = new CookieJar();
      const end = await signInAtProvider(again, `${origin}/session/oidc/start`, 'sole-admin');
      expect(end.status).toBe(200);
      expect(await admins()).toEqual(['sso.admin']);
      const log = await accountChanges('sso.admin');
      expect(log.map((c) => c.action)).toEqual(['addUser', 'signIn', 'signIn']);
      const { records } = await driver.executeQuery(
        "MATCH (c:Change {entityKind: 'Account', entityId: 'account:sso.admin', action: 'signIn'}) RETURN c.reason AS reason ORDER BY c.at DESC LIMIT 1",
        {},
        { database },
      );
      expect(String(records[0]!.get('reason'))).toContain('last active administrator');
    } finally {
      PEOPLE['sole-admin'].party_role = 'admin';
    }
  });

  it('refuses a callback whose state was changed, and a flow used twice', async () => {
    const jar = new CookieJar();
    const callbackPrefix = `${origin}/session/oidc/callback`;
    const stopped = await signInAtProvider(jar, `${origin}/session/oidc/start`, 'editor-of-dangjia', callbackPrefix);
    expect(stopped.status).toBe(0);
    const callback = new URL(stopped.url);
    expect(callback.searchParams.get('code')).toBeTruthy();
    const flowCookie = jar.get(origin, 'pg_oidc')!;

    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const refused = await fetch(tampered, { headers: { cookie: `pg_oidc=${flowCookie}` }, redirect: 'manual' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('data-kind="refused"');
    expect(refused.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(false);

    // The flow is gone: the untouched callback with the same cookie is refused too.
    const replay = await fetch(callback, { headers: { cookie: `pg_oidc=${flowCookie}` }, redirect: 'manual' });
    expect(replay.status).toBe(400);
    // And a callback with no flow cookie at all.
    const bare = await fetch(callback, { redirect: 'manual' });
    expect(bare.status).toBe(400);

    const { records } = await driver.executeQuery(
      "MATCH (c:Change {entityKind: 'Account', action: 'signInFailed'}) WHERE c.after CONTAINS 'oidc' AND c.reason STARTS WITH 'callback refused' RETURN count(c) AS n",
      {},
      { database },
    );
    expect(records[0]?.get('n').toNumber?.() ?? records[0]?.get('n')).toBeGreaterThanOrEqual(1);
  });

  it('lets production start with single sign-on as its identity provider', async () => {
    const production = testConfig({ NODE_ENV: 'production' });
    await driver.executeQuery("MATCH (u:User {role: 'admin'}) DETACH DELETE u", {}, { database });
    await expect(requireAdministrator(app.store, production)).rejects.toThrow(/OIDC_ISSUER/);
    await expect(
      requireAdministrator(app.store, { ...production, OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: CLIENT_ID }),
    ).resolves.toBeUndefined();
  });
});
