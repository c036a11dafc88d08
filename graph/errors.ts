/**
 * The API's errors, built from the one table of codes (schema/error-codes.ts). Client errors carry
 * `extensions.code` and, for bad input, the argument at fault in `extensions.field`; Neo4j's own errors are mapped here and nowhere else, and
 * anything unexpected reaches the client as INTERNAL_SERVER_ERROR with no stack and no Neo.* code.
 */
import type { FastifyError } from 'fastify';
import type { GraphQLError } from 'graphql';
import mercurius from 'mercurius';
import { Neo4jError } from 'neo4j-driver';
import { API_ERRORS, ERROR_CODE_NAMES, type ErrorCode } from '../schema/error-codes.ts';

const { ErrorWithProps } = mercurius;

/** What each code means (schema/error-codes.ts, the table the viewer shares), used as default messages. */
export const ERROR_CODES = Object.fromEntries(ERROR_CODE_NAMES.map((code) => [code, API_ERRORS[code].means])) as {
  [C in ErrorCode]: (typeof API_ERRORS)[C]['means'];
};
export type { ErrorCode };

/** The HTTP status a REST route answers for each code (GraphQL answers 200 with the code inside). */
export const HTTP_STATUS = Object.fromEntries(ERROR_CODE_NAMES.map((code) => [code, API_ERRORS[code].status])) as Record<ErrorCode, number>;

export class ApiError extends ErrorWithProps {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}, statusCode = 200) {
    super(message, { code, ...extra }, statusCode);
  }
}

export const badInput = (field: string, reason: string) => new ApiError('BAD_USER_INPUT', `${field}: ${reason}`, { field });
export const notFound = (field: string, value: string) => new ApiError('NOT_FOUND', `${field}: nothing found for "${value}"`, { field });
export const forbidden = (field: string, reason: string) => new ApiError('FORBIDDEN', `${field}: ${reason}`, { field });
export const conflict = (field: string, reason: string) => new ApiError('CONFLICT', `${field}: ${reason}`, { field });

/**
 * The error body of the REST routes (downloads, uploads, and refusals before any route runs), in one
 * shape: `{ error: { code, field?, message } }`. GraphQL answers with `errors[].extensions` instead.
 */
export function restError(code: string, message: string, field?: string) {
  return { error: { code, ...(field === undefined ? {} : { field }), message } };
}

/** Driver-side codes for "cannot reach the database", and the server's own. */
const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);

/**
 * The driver's pool found no connection in time (code 'N/A'): while Neo4j restarts, the Bolt front door
 * accepts connections it cannot yet forward, so this, not ServiceUnavailable, is what a request meets.
 */
const ACQUISITION_TIMEOUT = /^Connection acquisition timed out/;

/** Lock contention the driver's retries did not outlast: nothing was written, a retry may succeed. */
const BUSY = new Set([
  'Neo.TransientError.Transaction.DeadlockDetected',
  'Neo.TransientError.Transaction.LockAcquisitionTimeout',
  'Neo.ClientError.Transaction.LockClientStopped',
]);

/** Maps a Neo4j error to the API's; undefined when it is not one the client should see as such. */
export function fromNeo4j(error: unknown): ApiError | undefined {
  if (!(error instanceof Neo4jError)) return undefined;
  if (UNAVAILABLE.has(error.code) || ACQUISITION_TIMEOUT.test(error.message)) {
    return new ApiError('SERVICE_UNAVAILABLE', ERROR_CODES.SERVICE_UNAVAILABLE);
  }
  if (error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new ApiError('CONFLICT', 'id: already used by another entity', { field: 'id' });
  }
  if (BUSY.has(error.code)) {
    return new ApiError('SERVICE_UNAVAILABLE', 'the graph is busy with concurrent changes; try again (with the same clientMutationId)');
  }
  if (error.code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut')) {
    return new ApiError('SERVICE_UNAVAILABLE', 'the query took too long and was stopped; narrow it (smaller depth or page)');
  }
  return undefined;
}

interface FormattedError {
  message: string;
  locations?: GraphQLError['locations'];
  path?: GraphQLError['path'];
  extensions: Record<string, unknown>;
}

/** Codes for requests refused at the HTTP level before GraphQL runs (rate limit, body size, type). */
const HTTP_CODES: Record<number, ErrorCode> = {
  [API_ERRORS.BAD_REQUEST.status]: 'BAD_REQUEST',
  [API_ERRORS.PAYLOAD_TOO_LARGE.status]: 'PAYLOAD_TOO_LARGE',
  [API_ERRORS.UNSUPPORTED_MEDIA_TYPE.status]: 'UNSUPPORTED_MEDIA_TYPE',
  [API_ERRORS.RATE_LIMITED.status]: 'RATE_LIMITED',
};

interface HttpRefusal {
  statusCode: number;
  message: string;
}

const httpRefusalOf = (error: unknown): HttpRefusal | undefined => {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 && !(error instanceof ErrorWithProps)
    ? (error as HttpRefusal)
    : undefined;
};

/**
 * Mercurius errorFormatter: keeps the codes above, maps Neo4j's, masks the rest. Validation errors
 * arrive bundled in one (MER_ERR_GQL_VALIDATION) and are unbundled so each says what is wrong. A
 * request refused before GraphQL (too many, too large, not JSON) keeps its 4xx status.
 */
export function formatGraphqlError(
  execution: { data?: unknown; errors?: readonly GraphQLError[] },
  log: { error: (obj: unknown, msg: string) => void },
): { statusCode: number; response: { data: Record<string, unknown> | null; errors: FormattedError[] } } {
  const flat = (execution.errors ?? []).flatMap((error) => {
    const bundled = (error.originalError as { errors?: unknown } | undefined)?.errors;
    return Array.isArray(bundled) ? (bundled as GraphQLError[]) : [error];
  });
  let statusCode = 200;
  const errors = flat.map((error): FormattedError => {
    const original = error.originalError as (Error & { extensions?: Record<string, unknown> }) | undefined;
    const base = { locations: error.locations, path: error.path };
    if (original instanceof ErrorWithProps) {
      return { ...base, message: original.message, extensions: (original.extensions ?? {}) as Record<string, unknown> };
    }
    const mapped = fromNeo4j(original);
    if (mapped) return { ...base, message: mapped.message, extensions: (mapped.extensions ?? {}) as Record<string, unknown> };
    const refusal = httpRefusalOf(original);
    if (refusal) {
      if (!execution.data) statusCode = refusal.statusCode;
      return { message: refusal.message, extensions: { code: HTTP_CODES[refusal.statusCode] ?? 'BAD_REQUEST' } };
    }
    if (!original || (original as FastifyError).name === 'GraphQLError' || !error.path) {
      // A validation or syntax error: the query itself is wrong, and GraphQL's message says how.
      // A limit's own rule names its code (server/graphql-limits.ts); anything else is GraphQL's.
      const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'GRAPHQL_VALIDATION_FAILED';
      return { ...base, message: error.message, extensions: { ...error.extensions, code } };
    }
    log.error({ err: original, path: error.path }, 'unexpected error in a resolver');
    return { ...base, message: ERROR_CODES.INTERNAL_SERVER_ERROR, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  });
  return { statusCode, response: { data: (execution.data as Record<string, unknown> | null | undefined) ?? null, errors } };
}
