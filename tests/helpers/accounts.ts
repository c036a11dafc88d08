/**
 * People's accounts in tests: an account added the way `npm run user -- add` adds one (with a chosen
 * password), a sign-in through POST /session that returns the session cookie and CSRF token, and the
 * headers a cookie-signed request sends. Accounts, sessions, counters and their log entries are removed
 * by `removeAccounts` (the log's other entries are left alone).
 */
import type { Driver } from 'neo4j-driver';
import { addAccount } from '../../server/accounts/accounts.ts';
import type { Role } from '../../server/auth/principal.ts';
import { SESSION_COOKIE } from '../../server/auth/session.ts';
import type { TestApp } from './app.ts';

export async function createAccount(app: TestApp, login: string, role: Role, password: string, scope: string | null = null) {
  const { account } = await addAccount(app.store, { name: 'test-setup', address: null }, { login, role, scope, password, name: login });
  return account;
}

export interface CookieSession {
  cookie: string;
  csrf: string;
  status: number;
  body: Record<string, unknown>;
}

/** Posts a name and password to /session; cookie and csrf are '' when refused. */
export async function signInAs(app: TestApp, login: string, password: string, remoteAddress = '127.0.0.1'): Promise<CookieSession> {
  const response = await app.inject({ method: 'POST', url: '/session', payload: { login, password }, remoteAddress });
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '';
  const body = response.json() as Record<string, unknown>;
  return { cookie, csrf: typeof body.csrfToken === 'string' ? body.csrfToken : '', status: response.statusCode, body };
}

/** Headers of a request signed in by the session (the CSRF token included unless told not to). */
export function sessionHeaders(session: Pick<CookieSession, 'cookie' | 'csrf'>, withCsrf = true): Record<string, string> {
  return { cookie: `${SESSION_COOKIE}=${session.cookie}`, ...(withCsrf ? { 'x-csrf-token': session.csrf } : {}) };
}

/** A GraphQL request signed in by a session cookie. */
export async function sessionGql<T = Record<string, unknown>>(
  app: TestApp,
  session: Pick<CookieSession, 'cookie' | 'csrf'>,
  query: string,
  variables: Record<string, unknown> = {},
  withCsrf = true,
) {
  const response = await app.inject({
    method: 'POST',
    url: '/graphql',
    payload: { query, variables },
    headers: sessionHeaders(session, withCsrf),
  });
  return {
    status: response.statusCode,
    body: response.json() as { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] },
  };
}

/** Removes every account, session and failed-sign-in counter, and the log's account entries. */
export async function removeAccounts(driver: Driver, database: string): Promise<void> {
  await driver.executeQuery(
    `CALL () { MATCH (n) WHERE n:User OR n:Session OR n:SignInThrottle DETACH DELETE n }
     CALL () { MATCH (c:Change {entityKind: 'Account'}) DELETE c }`,
    {},
    { database },
  );
}
