/**
 * Signing in and out with a name and password (the viewer's sign-in screen):
 *
 *   POST   /session           { login, password } → 200 { user, csrfToken } and the session cookie;
 *                             401 for a wrong name or password (one message for both), 429 while locked
 *   GET    /session           the signed-in account and its CSRF token; 401 when no live session
 *   DELETE /session           sign-out: the session ends on the server and the cookie is cleared
 *   POST   /session/password  { current, next }: change one's own password (also when a reset
 *                             requires it); the account's other sessions end
 *
 * All are public routes (the gate lets them through) that check the session themselves; the writes
 * other than sign-in need the CSRF token like every cookie-signed write (auth/session.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../graph/config.ts';
import { ApiError, badInput } from '../../graph/errors.ts';
import { type Account, changeOwnPassword } from '../accounts/accounts.ts';
import { checkCurrentPassword, signIn } from '../accounts/sign-in.ts';
import { clearSessionCookie, setSessionCookie, type UserSession } from '../auth/session.ts';
import { sendApiError, sendError } from '../rest-errors.ts';

/** One answer for an unknown name, a wrong password and a disabled account. */
export const SIGN_IN_REFUSED = 'sign-in failed: wrong name or password';

function textField(body: unknown, field: string, max: number): string {
  const value = (body as Record<string, unknown> | null)?.[field];
  if (typeof value !== 'string' || value.length === 0) throw Object.assign(new Error(`${field}: required`), { field });
  if (value.length > max) throw Object.assign(new Error(`${field}: must be at most ${max} characters`), { field });
  return value;
}

function badRequest(reply: FastifyReply, error: unknown) {
  const field = (error as { field?: string }).field;
  if (error instanceof ApiError) return sendApiError(reply, error);
  if (field) return sendError(reply, 'BAD_USER_INPUT', (error as Error).message, field);
  throw error;
}

function sessionAnswer(
  account: Pick<Account, 'login' | 'name' | 'role' | 'scope' | 'mustChangePassword'>,
  csrfToken: string,
  expiresAt: number,
) {
  const { login, name, role, scope, mustChangePassword } = account;
  return { user: { login, name, role, scope, mustChangePassword }, csrfToken, expiresAt: new Date(expiresAt).toISOString() };
}

/** 429 while the name or the address is locked after failed sign-ins, with the wait. */
function refuseLocked(reply: FastifyReply, retryAfter: number) {
  reply.header('retry-after', String(retryAfter));
  return sendError(reply, 'RATE_LIMITED', `too many failed sign-ins for this name or from this address; try again in ${retryAfter} s`);
}

const noSession = (reply: FastifyReply) => sendError(reply, 'UNAUTHENTICATED', 'not signed in: sign in with your name and password');

function sessionOf(request: FastifyRequest): UserSession | null {
  return request.userSession;
}

export default async function sessionRoutes(app: FastifyInstance, { config }: { config: Config }) {
  app.post('/session', { config: { permission: 'public', csrfExempt: true } }, async (request, reply) => {
    let login: string;
    let password: string;
    try {
      login = textField(request.body, 'login', 128);
      password = textField(request.body, 'password', 1024);
    } catch (error) {
      return badRequest(reply, error);
    }
    const result = await signIn(app.store, config, { login, password, address: request.ip });
    if (result.outcome === 'locked') return refuseLocked(reply, result.retryAfter);
    if (result.outcome === 'failed') return sendError(reply, 'UNAUTHENTICATED', SIGN_IN_REFUSED);
    setSessionCookie(reply, config, result.session.secret, result.session.expiresAt);
    return sessionAnswer(result.account, result.session.csrf, result.session.expiresAt);
  });

  app.get('/session', { config: { permission: 'public' } }, async (request, reply) => {
    const session = sessionOf(request);
    if (!session) return noSession(reply);
    const { principal } = session;
    return sessionAnswer(
      {
        login: session.login,
        name: principal.name,
        role: principal.role,
        scope: principal.scope,
        mustChangePassword: session.mustChangePassword,
      },
      session.csrf,
      session.expiresAt,
    );
  });

  app.delete('/session', { config: { permission: 'public' } }, async (request, reply) => {
    const session = sessionOf(request);
    if (session) await app.store.write((tx) => tx.run('accounts/delete-session', { id: session.id }));
    clearSessionCookie(reply, config);
    return reply.code(204).send();
  });

  app.post('/session/password', { config: { permission: 'public' } }, async (request, reply) => {
    const session = sessionOf(request);
    if (!session) return noSession(reply);
    try {
      const current = textField(request.body, 'current', 1024);
      const next = textField(request.body, 'next', 1024);
      // The current password is checked as a sign-in is (counted, locked): a session is no way to guess it.
      const check = await checkCurrentPassword(app.store, config, { login: session.login, password: current, address: request.ip });
      if (check.outcome === 'locked') return refuseLocked(reply, check.retryAfter);
      if (check.outcome === 'failed') return sendApiError(reply, badInput('current', 'is not your current password'));
      const account = await changeOwnPassword(
        app.store,
        { name: session.principal.name, address: request.ip },
        { login: session.login, current, next, keepSession: session.id },
      );
      return sessionAnswer(account, session.csrf, session.expiresAt);
    } catch (error) {
      return badRequest(reply, error);
    }
  });
}
