/**
 * What stands between the network and the routes, all well-kept libraries: security headers with a
 * CSP the viewer and GraphiQL run under (helmet's, computed once), a CORS allow-list (@fastify/cors),
 * a rate limit per signed-in subject (@fastify/rate-limit, after auth so it knows the subject), and
 * an error handler that never lets a 5xx carry a stack, a message from deep inside, or a Neo.* code.
 *
 * CSRF: the API authenticates by an Authorization header only (no cookies), which a cross-site form
 * or image cannot send, and a cross-site script cannot send without a CORS preflight that the
 * allow-list refuses. As the GraphQL-over-HTTP spec advises, POST /graphql must also be JSON, so a
 * "simple" cross-site request never reaches GraphQL even in the local demo mode.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyCorsOptions } from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';
import type { Config } from '../graph/config.ts';
import { ERROR_CODES, type ErrorCode, fromNeo4j, HTTP_STATUS, restError } from '../graph/errors.ts';
import { DEMO_PRINCIPAL } from './auth/plugin.ts';

const JSON_TYPES = /^application\/(json|graphql-response\+json)\s*(;|$)/i;

/**
 * CORS, registered before sign-in: a browser's preflight carries no token and must be answered (or
 * refused) by the allow-list, not by the sign-in gate.
 */
export const corsOptions = (config: Config): FastifyCorsOptions => ({
  origin: config.CORS_ORIGINS.length > 0 ? config.CORS_ORIGINS : false,
  maxAge: 600,
});

/** Helmet's settings: a CSP the viewer and GraphiQL run under, helmet's defaults for the rest. */
const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // Cytoscape extensions, GraphiQL and CodeMirror set element styles from script.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      workerSrc: ["'self'", 'blob:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  // The viewer opens nothing cross-origin; keep the strictest isolation that lets it load.
  crossOriginEmbedderPolicy: false,
};

/**
 * The headers helmet sets with these settings, asked of helmet once at start (its middleware run on a
 * response that only records them). Nothing in them depends on the request (no nonces, no directive
 * functions), so every answer gets the same ones; @fastify/helmet built helmet's whole middleware, CSP
 * parsing included, on every request.
 */
export function securityHeaders(options: HelmetOptions = HELMET_OPTIONS): ReadonlyArray<readonly [string, string]> {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value));
    },
    removeHeader(name: string) {
      headers.delete(name.toLowerCase());
    },
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return [...headers];
}

/** The security headers a reply does not set itself (a header a route set is left as it is). */
export function addSecurityHeaders(reply: FastifyReply, headers: ReturnType<typeof securityHeaders>): void {
  for (const [name, value] of headers) if (!reply.hasHeader(name)) reply.header(name, value);
}

/** `headers`: securityHeaders(), asked of helmet once by the app (server/app.ts also answers bad URLs with them). */
async function hardening(app: FastifyInstance, { config, headers }: { config: Config; headers: ReturnType<typeof securityHeaders> }) {
  // On every answer, refusals by the sign-in gate and the host check included.
  app.addHook('onSend', (_request, reply, payload, done) => {
    addSecurityHeaders(reply, headers);
    done(null, payload);
  });
  await app.register(rateLimit, {
    max: config.RATE_LIMIT_MAX,
    timeWindow: '1 minute',
    // Demo callers all share one principal: key them by address, as anonymous ones are.
    keyGenerator: (request) =>
      request.principal && request.principal !== DEMO_PRINCIPAL ? `sub:${request.principal.subject}` : `ip:${request.ip}`,
    // Thrown, then answered by the error handler below (REST) or Mercurius's formatter (GraphQL).
    errorResponseBuilder: (_request, context) => ({
      statusCode: HTTP_STATUS.RATE_LIMITED,
      code: 'RATE_LIMITED',
      message: `more than ${context.max} requests a minute; try again in ${context.after}`,
    }),
  });

  app.addHook('preValidation', async (request, reply) => {
    if (request.routeOptions.url !== '/graphql' || request.method !== 'POST') return;
    if (JSON_TYPES.test(request.headers['content-type'] ?? '')) return;
    return reply.code(HTTP_STATUS.UNSUPPORTED_MEDIA_TYPE).send({
      data: null,
      errors: [{ message: 'Content-Type: send GraphQL requests as application/json', extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } }],
    });
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const mapped = fromNeo4j(error);
    if (mapped) {
      const { code, field } = mapped.extensions as { code: ErrorCode; field?: string };
      return reply.code(HTTP_STATUS[code]).send(restError(code, mapped.message, field));
    }
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status < 500) {
      return reply.code(status).send(restError(error.code ?? 'BAD_REQUEST', error.message));
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.code(status).send(restError('INTERNAL_SERVER_ERROR', ERROR_CODES.INTERNAL_SERVER_ERROR));
  });
}

export default fp(hardening, { name: 'hardening', dependencies: ['auth'] });
