/**
 * Browser sessions for people who sign in with a name and password (routes/session.ts) or through
 * the identity provider. The choice and why: SECURITY.md, "Sessions for people".
 *
 * The cookie holds only a random secret (HttpOnly, SameSite=Strict, Path=/, Secure over TLS and in
 * production); the session itself is a :Session node found by the secret's SHA-256, so sign-out,
 * disabling the account or resetting its password ends it on the server at once. Each request reads it
 * (one indexed lookup that also checks the idle and absolute timeouts and that the account is active);
 * its last use is written at most once a minute.
 *
 * A state-changing request (anything but GET/HEAD/OPTIONS) that signs in by cookie must also send the
 * session's CSRF token in `x-csrf-token` (synchronizer token, compared in constant time); the viewer
 * gets it with the sign-in answer and from GET /session. Bearer tokens need none (a browser never sends
 * them by itself).
 */
import { timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../graph/config.ts';
import { sessionIdOf, sessionTimesOf } from '../accounts/sign-in.ts';
import type { Principal, Role } from './principal.ts';

export const SESSION_COOKIE = 'pg_session';
export const CSRF_HEADER = 'x-csrf-token';
/** How stale a session's last-use time may get before a request writes it again. */
const TOUCH_AFTER_MS = 60_000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface UserSession {
  /** The store's id (hash of the cookie's secret). */
  id: string;
  csrf: string;
  expiresAt: number;
  login: string;
  mustChangePassword: boolean;
  principal: Principal;
}

interface SessionRow {
  csrf: string;
  lastSeenAt: number;
  expiresAt: number;
  user: { login: string; name: string; role: Role; scope: string | null; mustChangePassword?: boolean };
}

/** The principal an account is: subjects are "user:<login>", so they never clash with a token's. */
export function principalOfAccount(user: { login: string; name: string; role: Role; scope: string | null }): Principal {
  return { subject: `user:${user.login}`, name: user.name, role: user.role, scope: user.role === 'editor' ? user.scope : null };
}

function secure(config: Config, request: FastifyRequest): boolean {
  return config.SESSION_COOKIE_SECURE ?? (config.NODE_ENV === 'production' || request.protocol === 'https');
}

export function setSessionCookie(reply: FastifyReply, config: Config, secret: string, expiresAt: number): void {
  reply.setCookie(SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'strict',
    secure: secure(config, reply.request),
    path: '/',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: secure(config, reply.request), path: '/' });
}

/** Whether a header value is the session's CSRF token (constant time). */
export function csrfMatches(session: UserSession, sent: string | string[] | undefined): boolean {
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(session.csrf);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Registers the cookie parser and the request's session slot (auth/plugin.ts calls this first). */
export async function registerSessions(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCookie);
  app.decorateRequest('userSession', null);
}

/**
 * The live session the request's cookie names, or null (no cookie, unknown, timed out, account
 * disabled). Writes the last-use time when it is over a minute old.
 */
export async function findSession(request: FastifyRequest, config: Config): Promise<UserSession | null> {
  const secret = request.cookies[SESSION_COOKIE];
  if (!secret || secret.length > 100) return null;
  const store = request.server.store;
  const id = sessionIdOf(secret);
  const times = sessionTimesOf(config);
  const now = Date.now();
  const [row] = await store.read<SessionRow>('accounts/find-session', { id, now, idleMs: times.idleMs });
  if (!row) return null;
  if (now - row.lastSeenAt > TOUCH_AFTER_MS) await store.write((tx) => tx.run('accounts/touch-session', { id, now }));
  return {
    id,
    csrf: row.csrf,
    expiresAt: row.expiresAt,
    login: row.user.login,
    mustChangePassword: row.user.mustChangePassword === true,
    principal: principalOfAccount(row.user),
  };
}

/**
 * What the auth gate does with a request that sends no bearer token: the session its cookie names, if
 * live, becomes the request's principal (unless the password must be changed first: then only the
 * session routes serve it). Returns a refusal to send, or null.
 */
export async function signInBySession(request: FastifyRequest, config: Config): Promise<{ code: 'FORBIDDEN'; message: string } | null> {
  if (!request.cookies[SESSION_COOKIE]) return null;
  const session = await findSession(request, config);
  if (!session) return null;
  request.userSession = session;
  if (!session.mustChangePassword) request.principal = session.principal;
  if (
    !SAFE_METHODS.has(request.method) &&
    request.routeOptions.config?.csrfExempt !== true &&
    !csrfMatches(session, request.headers[CSRF_HEADER])
  ) {
    request.principal = null;
    return { code: 'FORBIDDEN', message: `a request signed in by session cookie must send the session's CSRF token in ${CSRF_HEADER}` };
  }
  return null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The session the cookie names, when live (set by the auth gate). */
    userSession: UserSession | null;
  }
  interface FastifyContextConfig {
    /** The route takes state-changing requests without the CSRF token (sign-in itself only). */
    csrfExempt?: boolean;
  }
}
