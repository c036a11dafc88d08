/**
 * The GraphQL-over-HTTP spec where Mercurius does not follow it by itself (checked by the
 * `graphql-http` audit in tests/integration/graphql-over-http.int.test.ts):
 * - `extensions: null` in a POST body means "no extensions" (Mercurius's body schema wants an object);
 * - a client that accepts `application/graphql-response+json` gets it, and with it the statuses the
 *   spec gives that media type: a request that fails before execution (parse, validation, variable
 *   coercion, a limit) is a 4xx without `data`. Clients that ask for `application/json` (or nothing)
 *   keep the legacy answer: 200 with `data: null` and the errors;
 * - a mutation over GET is 405 Method Not Allowed, whatever the media type.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLError } from 'graphql';
import type { MercuriusContext } from 'mercurius';
import { type ErrorCode, HTTP_STATUS } from '../graph/errors.ts';

export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';
const GRAPHQL_PATH = '/graphql';

/** The q of each media type in an Accept header (`type/sub;q=0.5`), lower-cased. */
function acceptWeights(accept: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const part of accept.split(',')) {
    const [type, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (!type) continue;
    const q = params.find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    weights.set(type, Number.isFinite(weight) ? weight : 0);
  }
  return weights;
}

/**
 * Whether the answer is `application/graphql-response+json`: the client lists it, and does not
 * prefer `application/json` to it. With no Accept, or only wildcards, the answer stays
 * `application/json`, which every client of the legacy spec understands.
 */
export function wantsGraphqlResponseJson(accept: string | undefined): boolean {
  if (!accept) return false;
  const weights = acceptWeights(accept);
  const ours = weights.get(GRAPHQL_RESPONSE_JSON) ?? 0;
  return ours > 0 && ours >= (weights.get('application/json') ?? 0);
}

interface Formatted {
  statusCode: number;
  response: { data?: Record<string, unknown> | null; errors: { extensions?: Record<string, unknown> }[] };
}

type Execution = { data?: unknown; errors?: readonly GraphQLError[] };

/** The status of an error thrown before execution (Mercurius sets 400 on a validation error, 405 on a GET mutation). */
function thrownStatus(execution: Execution): number | undefined {
  // An execution result always has `data` (null when a non-null root field failed); a request that
  // failed before execution reaches the formatter as its errors alone.
  if ('data' in execution) return undefined;
  const status = (execution.errors?.[0]?.originalError as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' && status >= 400 ? status : 400;
}

/** Wraps the API's error formatter (graph/errors.ts) with the statuses above. */
export function withHttpStatus<F extends Formatted>(
  format: (execution: Execution) => F,
): (execution: Execution, context: MercuriusContext) => F {
  return (execution, context) => {
    const formatted = format(execution);
    const status = thrownStatus(execution);
    // A subscription over WebSocket has no HTTP request to answer.
    const request = context?.reply?.request as FastifyRequest | undefined;
    if (status === undefined || !request) return formatted;
    if (status === 405) return { ...formatted, statusCode: 405 };
    if (!wantsGraphqlResponseJson(request.headers.accept)) return formatted;
    const { data: _omitted, ...response } = formatted.response;
    const code = response.errors[0]?.extensions?.code;
    const byCode = typeof code === 'string' ? HTTP_STATUS[code as ErrorCode] : undefined;
    const statusCode = formatted.statusCode >= 400 ? formatted.statusCode : byCode && byCode >= 400 ? byCode : status;
    return { ...formatted, statusCode, response } as F;
  };
}

/** The hooks: `extensions: null` accepted, and the media type the client asked for. */
export function registerGraphqlOverHttp(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    if (request.routeOptions.url !== GRAPHQL_PATH) return;
    const body = request.body as Record<string, unknown> | null | undefined;
    if (body && typeof body === 'object' && body.extensions === null) delete body.extensions;
  });
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload) => {
    if (request.routeOptions.url !== GRAPHQL_PATH || !wantsGraphqlResponseJson(request.headers.accept)) return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('application/json')) reply.header('content-type', `${GRAPHQL_RESPONSE_JSON}; charset=utf-8`);
    return payload;
  });
}
