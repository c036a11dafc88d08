/**
 * The API's error codes, in one table the server and the viewer share (schema/ is the layer both may
 * import): what each means, the HTTP status a REST route (and a GraphQL response asked for as
 * application/graphql-response+json) answers with, and the key of the sentence the viewer shows for it
 * (web/src/i18n.ts, in zh-CN and English). GraphQL errors carry the code in `extensions.code`; REST
 * errors in `error.code`. The server builds its errors from it (graph/errors.ts), the viewer reads the
 * code back and looks up the sentence here (web/src/api.ts).
 */
export interface ErrorCodeInfo {
  /** What the client did or met, for the API's documentation and default messages. */
  means: string;
  /** The HTTP status for it. */
  status: number;
  /** The viewer's sentence for it (a key of web/src/i18n.ts). */
  message: `error.${string}`;
}

export const API_ERRORS = {
  BAD_USER_INPUT: { status: 400, message: 'error.BAD_USER_INPUT', means: 'an argument is invalid; extensions.field names it' },
  NOT_FOUND: { status: 404, message: 'error.NOT_FOUND', means: 'no entity with that id or name' },
  CONFLICT: {
    status: 409,
    message: 'error.CONFLICT',
    means: 'the change clashes with what is stored (duplicate id, cycle, overlapping pairing)',
  },
  UNAUTHENTICATED: { status: 401, message: 'error.UNAUTHENTICATED', means: 'no valid sign-in: send Authorization: Bearer <token>' },
  FORBIDDEN: { status: 403, message: 'error.FORBIDDEN', means: "the caller's role or scope does not allow this" },
  SERVICE_UNAVAILABLE: {
    status: 503,
    message: 'error.SERVICE_UNAVAILABLE',
    means: 'the graph database is not reachable; try again shortly',
  },
  INTERNAL_SERVER_ERROR: { status: 500, message: 'error.INTERNAL_SERVER_ERROR', means: 'an unexpected error; it has been logged' },
  // Request limits (server/graphql-limits.ts, server/query-cost.ts, server/request-budget.ts): each
  // refusal names the limit, its value, the setting, and how to get under it; the viewer says which.
  QUERY_TOO_COMPLEX: {
    status: 400,
    message: 'error.LIMIT',
    means: 'the answer could hold more objects than GRAPHQL_MAX_COST allows; ask for smaller pages',
  },
  QUERY_TOO_DEEP: { status: 400, message: 'error.LIMIT', means: 'the query nests deeper than GRAPHQL_MAX_DEPTH' },
  TOO_MANY_ALIASES: { status: 400, message: 'error.LIMIT', means: 'the query has more aliases than GRAPHQL_MAX_ALIASES' },
  TOO_MANY_DIRECTIVES: { status: 400, message: 'error.LIMIT', means: 'the query has more directives than GRAPHQL_MAX_DIRECTIVES' },
  TOO_MANY_TOKENS: { status: 400, message: 'error.LIMIT', means: 'the query has more tokens than GRAPHQL_MAX_TOKENS' },
  RESPONSE_TOO_LARGE: {
    status: 413,
    message: 'error.LIMIT',
    means: 'the answer grew past GRAPHQL_MAX_OBJECTS objects or GRAPHQL_MAX_RESPONSE_BYTES bytes',
  },
  TIME_BUDGET_EXCEEDED: { status: 503, message: 'error.TIMEOUT', means: 'the request used up its database time (GRAPHQL_DB_BUDGET_MS)' },
  RATE_LIMITED: {
    status: 429,
    message: 'error.RATE_LIMITED',
    means: 'too many requests, or too costly ones, in a minute; try again later',
  },
  // Refusals at the HTTP level, before GraphQL runs (graph/errors.ts formatGraphqlError).
  BAD_REQUEST: { status: 400, message: 'error.HTTP', means: 'the request is not a GraphQL request the server can read' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'error.HTTP', means: 'the request body is larger than BODY_LIMIT' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'error.HTTP', means: 'the request body is not JSON' },
  // Refusals of the REST routes that GraphQL never gives.
  TOO_LARGE: {
    status: 413,
    message: 'error.HTTP',
    means: 'an uploaded file (or the upload) is larger than IMPORT_MAX_FILE_BYTES, or has more rows than an import takes',
  },
  MISDIRECTED_REQUEST: {
    status: 421,
    message: 'error.HTTP',
    means: 'the Host header is not one this server answers to (ALLOWED_HOSTS); open the address the server printed',
  },
  VIEWER_NOT_BUILT: { status: 503, message: 'error.HTTP', means: 'the viewer is not built yet: run npm run build' },
  IMPORT_REFUSED: {
    status: 422,
    message: 'error.HTTP',
    means: 'a real import was refused for the problems its report lists; nothing was written',
  },
  IDENTITY_PROVIDER_UNAVAILABLE: {
    status: 502,
    message: 'error.HTTP',
    means: 'the identity provider (OIDC_ISSUER) cannot be reached; sign in with a name and password meanwhile',
  },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof API_ERRORS;

export const ERROR_CODE_NAMES = Object.keys(API_ERRORS) as ErrorCode[];

export const isErrorCode = (code: unknown): code is ErrorCode => typeof code === 'string' && Object.hasOwn(API_ERRORS, code);
