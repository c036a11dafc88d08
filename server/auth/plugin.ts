/**
 * Sign-in and the deny-by-default gate. Every request is identified first (a verified bearer token,
 * else anonymous), then checked against the permission its route declares: public routes need none,
 * a route that declares nothing is refused, an anonymous caller gets 401 and a signed-in one without
 * the permission 403. GraphQL fields get finer rules in auth/policy.ts.
 *
 * Tokens are verified by @fastify/jwt with the algorithm pinned (HS256 with the local secret, or the
 * identity provider's RS256/ES256 public key); `iss`, `aud` and `exp` required and checked, an `iat` in
 * the future refused. A refused token learns nothing of why (the log says), and an address that keeps
 * failing is answered 429 without verifying.
 */
import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import type { Config } from '../../graph/config.ts';
import { HTTP_STATUS, restError } from '../../graph/errors.ts';
import { can, type Permission, type Principal, ROLES } from './principal.ts';
import { registerSessions, signInBySession } from './session.ts';
import { localSecretOf } from './token.ts';

/** Routes other plugins register, which cannot declare a permission themselves. */
const PLUGIN_ROUTES: Record<string, Permission> = {
  // Every role reads the graph; auth/policy.ts guards the fields that need more.
  '/graphql': 'read',
};

/** Who an anonymous caller is in the local demo mode: a reader of everything who changes nothing. */
export const DEMO_PRINCIPAL: Principal = { subject: 'demo', name: '本地演示', role: 'auditor', scope: null };

const claimsSchema = z
  .object({
    sub: z.string().min(1).max(128),
    name: z.string().min(1).max(64).optional(),
    role: z.enum(ROLES),
    scope: z.string().min(1).max(128).nullish(),
  })
  .refine((claims) => claims.role !== 'editor' || claims.scope, { message: 'an editor token must name its scope area', path: ['scope'] });

/** The principal a verified token's claims describe; throws when they don't describe one. */
export function principalOf(claims: unknown): Principal {
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`token claim ${issue?.path.join('.') || '?'}: ${issue?.message ?? 'invalid'}`);
  }
  const { sub, name, role, scope } = parsed.data;
  return { subject: sub, name: name ?? sub, role, scope: role === 'editor' ? (scope ?? null) : null };
}

function keyOf(config: Config) {
  if (config.AUTH_PUBLIC_KEY) {
    if (config.AUTH_ALGORITHM === 'HS256') throw new Error('AUTH_PUBLIC_KEY needs AUTH_ALGORITHM RS256 or ES256');
    return { public: config.AUTH_PUBLIC_KEY };
  }
  if (config.AUTH_ALGORITHM !== 'HS256') throw new Error(`AUTH_ALGORITHM ${config.AUTH_ALGORITHM} needs AUTH_PUBLIC_KEY`);
  return localSecretOf(config);
}

/** The refusal in the shape the route's clients read: GraphQL errors on /graphql, the REST one elsewhere. */
function refuse(request: FastifyRequest, reply: FastifyReply, code: 'UNAUTHENTICATED' | 'FORBIDDEN' | 'RATE_LIMITED', message: string) {
  if (code === 'UNAUTHENTICATED') reply.header('www-authenticate', 'Bearer');
  const body =
    request.routeOptions.url === '/graphql' ? { data: null, errors: [{ message, extensions: { code } }] } : restError(code, message);
  return reply.code(HTTP_STATUS[code]).send(body);
}

/**
 * Failed sign-ins per address in the current minute. The rate limiter (hardening.ts) runs after
 * sign-in and so never sees a refused token; this counts them, and once an address is over the limit
 * its tokens are not even verified until the minute is over.
 */
function failureCounter(limit: number) {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    exceeded(address: string, now = Date.now()): number | undefined {
      const window = windows.get(address);
      return window && window.resetAt > now && window.count >= limit ? Math.ceil((window.resetAt - now) / 1000) : undefined;
    },
    fail(address: string, now = Date.now()) {
      if (windows.size > 10_000) for (const [key, w] of windows) if (w.resetAt <= now) windows.delete(key);
      const window = windows.get(address);
      if (window && window.resetAt > now) window.count += 1;
      else windows.set(address, { count: 1, resetAt: now + 60_000 });
    },
  };
}

/** What a refused token is told: never which check failed (the log says, for the operator). */
const SIGN_IN_FAILED = 'sign-in failed: the token was not accepted; get a new one (npm run token mints one locally)';
const BEARER = /^Bearer +\S+$/;
/** Tolerance for clocks that differ a little between the token's issuer and this server. */
const CLOCK_SKEW_SECONDS = 60;

/** The principal of claims the verifier accepted, after the checks it does not make itself. */
function principalOfVerified(claims: { iat?: unknown }): Principal {
  if (typeof claims.iat === 'number' && claims.iat > Date.now() / 1000 + CLOCK_SKEW_SECONDS) throw new Error('iat is in the future');
  return principalOf(claims);
}

/** How many verified tokens are kept (the oldest goes first); only tokens that passed every check get in. */
const VERIFIED_TOKENS_KEPT = 10_000;

/**
 * Bearer tokens already verified, by their exact text, until their own `exp`. A bearer token is
 * self-contained: nothing on the server can end it before it expires (people's sign-ins, which must end
 * at once on sign-out or when an account is disabled, are sessions, read from the store on every
 * request: auth/session.ts). So a token seen before decides exactly what verifying it again would,
 * while its signature, claims and principal are checked once instead of on every request (they were
 * the largest fixed cost of a request). Any other text, even one character off, is verified in full;
 * a refused token is never kept.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { principal: Principal; expiresAtMs: number }>();

  constructor(private readonly max = VERIFIED_TOKENS_KEPT) {}

  /** The principal of a token verified before and not expired at `now`, else undefined. */
  get(token: string, now = Date.now()): Principal | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.expiresAtMs > now) return entry.principal;
    this.entries.delete(token);
    return undefined;
  }

  /** Keeps a verified token until its `exp` (seconds); a token without one is not kept. */
  set(token: string, principal: Principal, exp: unknown): void {
    if (typeof exp !== 'number') return;
    if (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(token, { principal: Object.freeze({ ...principal }), expiresAtMs: exp * 1000 });
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The token of an `Authorization: Bearer <token>` header: one space between them, as @fastify/jwt reads it. */
function tokenOf(header: string): string {
  const parts = header.split(' ');
  if (parts.length !== 2 || !parts[1]) throw new Error('Authorization: not "Bearer <token>"');
  return parts[1];
}

/** Verifies a token (or finds it verified before) and returns its principal; throws when refused. */
async function verifyToken(app: FastifyInstance, token: string): Promise<Principal> {
  const known = app.verifiedTokens.get(token);
  if (known) return known;
  const claims = await app.jwt.verify<{ iat?: unknown; exp?: unknown }>(token);
  const principal = principalOfVerified(claims);
  app.verifiedTokens.set(token, principal, claims.exp);
  return principal;
}

/**
 * The principal a bearer token names, checked exactly as a request's Authorization header is, and
 * counted the same way: refused without a check while `address` has used its failed sign-ins, a
 * failure counted for it. Throws when refused. For a WebSocket's connection_init
 * (server/live/changes-committed.ts), so the socket is no door for unbounded token guesses.
 */
export async function principalOfToken(app: FastifyInstance, token: string, address: string): Promise<Principal> {
  const wait = app.signInFailures.exceeded(address);
  if (wait !== undefined) throw new Error(`more failed sign-ins than allowed a minute from ${address}; try again in ${wait} s`);
  try {
    return await verifyToken(app, token);
  } catch (error) {
    app.signInFailures.fail(address);
    throw error;
  }
}

/**
 * A WebSocket upgrade of /graphql: it may come unsigned, since a token can only travel in the socket's
 * connection_init, where the subscription's onConnect checks it (and refuses a socket with no sign-in).
 */
const isSubscriptionUpgrade = (request: FastifyRequest) =>
  request.routeOptions.url === '/graphql' && request.method === 'GET' && request.headers.upgrade?.toLowerCase() === 'websocket';

/**
 * Whether a WebSocket upgrade comes from a page allowed to use the caller's sign-in: the server's own
 * (Origin's host is the request's Host) or an origin of CORS_ORIGINS, the rule for cross-site HTTP
 * calls. WebSockets are outside CORS and a browser sends the session cookie along from any page of the
 * same site (another port of the same host, a sibling subdomain), and in demo mode none is needed, so
 * without this any page the person opens would read the change feed as them. No Origin: not a browser.
 * (Refused by staying anonymous, not by an answer here: a reply to an upgrade would leave its socket open.)
 */
function socketOriginAllowed(request: FastifyRequest, config: Config): boolean {
  if (request.headers.upgrade?.toLowerCase() !== 'websocket') return true;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (config.CORS_ORIGINS.includes(origin)) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false; // "null" (a sandboxed page, a file) or anything that is no URL
  }
}

async function authPlugin(app: FastifyInstance, { config }: { config: Config }) {
  const algorithm = config.AUTH_ALGORITHM;
  await app.register(fastifyJwt, {
    secret: keyOf(config),
    // A token already verified is not checked again until it expires: VerifiedTokens above.
    verify: {
      algorithms: [algorithm],
      allowedIss: config.AUTH_ISSUER,
      allowedAud: config.AUTH_AUDIENCE,
      // fast-jwt checks iss and aud only when present: required, or a token for another audience passes.
      requiredClaims: ['sub', 'exp', 'iss', 'aud'],
    },
    // The server never signs (npm run token and the identity provider do); keep the signer pinned too.
    sign: { algorithm },
  });
  app.decorate('verifiedTokens', new VerifiedTokens());
  app.decorateRequest('principal', null);
  // People's sessions (auth/session.ts): the cookie is read before the gate below runs.
  await registerSessions(app);

  app.addHook('onRoute', (route) => {
    const permission = PLUGIN_ROUTES[route.url];
    if (permission && !route.config?.permission) route.config = { ...route.config, permission };
  });

  // Failed sign-ins per address, for every door that takes a token (principalOfToken too).
  app.decorate('signInFailures', failureCounter(config.AUTH_FAILURES_PER_MINUTE));
  const failures = app.signInFailures;

  // A WebSocket upgrade answered instead of upgraded (refused here, by the Host check, a 404): Node has
  // handed its socket to the WebSocket plugin, so no HTTP timeout applies to it any more, and the plugin
  // closes it after an answer only when its own onRequest hook ran, which a refusal before it skips.
  // Closed here once the answer is sent, or every refused upgrade would hold a connection open.
  app.addHook('onResponse', async (request) => {
    // Node treats a request as an upgrade when it says Connection: upgrade and names the protocol.
    const upgrade = request.headers.upgrade !== undefined && /\bupgrade\b/i.test(request.headers.connection ?? '');
    if (upgrade && !request.raw.socket.destroyed) request.raw.socket.destroy();
  });
  app.addHook('onRequest', async (request, reply) => {
    const header = request.headers.authorization;
    if (header) {
      const wait = failures.exceeded(request.ip);
      if (wait !== undefined) {
        reply.header('retry-after', String(wait));
        return refuse(
          request,
          reply,
          'RATE_LIMITED',
          `more than ${config.AUTH_FAILURES_PER_MINUTE} failed sign-ins a minute from this address; try again in ${wait} s`,
        );
      }
      if (!BEARER.test(header)) {
        failures.fail(request.ip);
        return refuse(request, reply, 'UNAUTHENTICATED', "sign-in failed: use 'Authorization: Bearer <token>'");
      }
      try {
        request.principal = await verifyToken(app, tokenOf(header));
      } catch (error) {
        // A bad token is refused even on public routes: the caller believes it is signed in.
        failures.fail(request.ip);
        request.log.info({ reason: (error as Error).message }, 'sign-in refused');
        return refuse(request, reply, 'UNAUTHENTICATED', SIGN_IN_FAILED);
      }
    } else if (socketOriginAllowed(request, config)) {
      // No token: a person's session cookie, if it names a live session (CSRF checked for writes).
      const refusal = await signInBySession(request, config);
      if (refusal) return refuse(request, reply, refusal.code, refusal.message);
      if (!request.principal && config.AUTH_DEMO) request.principal = DEMO_PRINCIPAL;
    }
    // Else a socket opened by another origin's page: neither its cookie nor the demo mode signs it in
    // (it stays anonymous, so connection_init refuses it unless it carries a token of its own).
    if (request.is404) return;
    const permission = request.routeOptions.config.permission;
    if (!permission) {
      request.log.error({ url: request.routeOptions.url }, 'route declares no permission: refused');
      return refuse(request, reply, 'FORBIDDEN', 'this route declares no permission, so it is closed');
    }
    if (can(request.principal, permission)) return;
    if (!request.principal && isSubscriptionUpgrade(request)) return;
    if (!request.principal)
      return refuse(request, reply, 'UNAUTHENTICATED', 'sign in: send Authorization: Bearer <token> (npm run token mints one locally)');
    return refuse(request, reply, 'FORBIDDEN', `the ${request.principal.role} role may not do this (needs ${permission})`);
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Bearer tokens verified before, until they expire (auth/plugin.ts). */
    verifiedTokens: VerifiedTokens;
    /** Failed sign-ins per address in the last minute (auth/plugin.ts failureCounter). */
    signInFailures: ReturnType<typeof failureCounter>;
  }
}

export default fp(authPlugin, { name: 'auth', fastify: '5.x' });
