/**
 * The one way the viewer talks to the server: POST /graphql. Failures become an ApiError whose
 * `code` picks a sentence a planner understands: the server's codes through the table it shares with
 * the server (schema/error-codes.ts, each code's i18n key), the viewer's own below (see i18n.ts,
 * error.*); the server's own message is kept as `detail` for the cases where it helps (which argument
 * was wrong).
 */
import { API_ERRORS, type ErrorCode, isErrorCode } from '../../schema/error-codes.ts';
import { authHeaders, reportUnauthorized } from './auth.ts';
import type { TypedDocumentString } from './generated/graphql.ts';
import { type MessageKey, t } from './i18n.ts';

/**
 * The viewer's own codes: what it met before or around the API (no network, an unreadable answer, a
 * limit or a timeout it words itself), and Mercurius's code for a document the schema refuses.
 */
type ViewerErrorCode = 'NETWORK' | 'TIMEOUT' | 'GRAPHQL_VALIDATION_FAILED' | 'LIMIT' | 'HTTP' | 'UNKNOWN';

export type ApiErrorCode = ErrorCode | ViewerErrorCode;

/**
 * Each API code's sentence. `satisfies` makes a code whose key the viewer's dictionary lacks a compile
 * error (the English dictionary must have every key the Chinese one has, so both languages do).
 */
const API_MESSAGES = Object.fromEntries(Object.entries(API_ERRORS).map(([code, info]) => [code, info.message])) as {
  [C in ErrorCode]: (typeof API_ERRORS)[C]['message'];
} satisfies Record<ErrorCode, MessageKey>;

const isKnownCode = (code: string): code is ErrorCode | 'GRAPHQL_VALIDATION_FAILED' =>
  isErrorCode(code) || code === 'GRAPHQL_VALIDATION_FAILED';

/** The i18n key of the sentence for a code. */
export const messageKeyOf = (code: ApiErrorCode): MessageKey => (isErrorCode(code) ? API_MESSAGES[code] : `error.${code}`);

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    readonly detail: string,
    readonly status?: number,
  ) {
    super(`${code}: ${detail}`);
  }

  /** The sentence to show, in the current language. */
  describe(): string {
    const detail = this.code === 'LIMIT' ? limitDetail(this.detail) : this.detail;
    return t(messageKeyOf(this.code), { detail, status: this.status ?? '' });
  }
}

interface GraphqlError {
  message: string;
  extensions?: { code?: string; field?: string; limit?: number; cost?: number; found?: number };
}

/**
 * The server's size limits refuse a request before it runs: GraphQL Armor's (cost, aliases, depth,
 * tokens, directives) with a message naming the limit, and the server's own (QUERY_TOO_COMPLEX,
 * RESPONSE_TOO_LARGE, with the limit in `extensions`). Whatever code carries it, the planner is told
 * which limit was hit, never "reload the page". The detail kept is `kind:limit:found`.
 */
const LIMIT_MESSAGE = /(cost|aliases|depth|token|directives) limit of (\d+)(?: tokens?)? exceeded(?:, found (\d+))?/i;
const LIMIT_KEYS: Record<string, MessageKey> = {
  cost: 'limit.cost',
  aliases: 'limit.aliases',
  depth: 'limit.depth',
  token: 'limit.tokens',
  directives: 'limit.directives',
  response: 'limit.response',
};

/** The server's codes for its limits, and which limit each is. */
const LIMIT_CODES: Record<string, string> = {
  QUERY_TOO_COMPLEX: 'cost',
  QUERY_TOO_DEEP: 'depth',
  TOO_MANY_ALIASES: 'aliases',
  TOO_MANY_DIRECTIVES: 'directives',
  TOO_MANY_TOKENS: 'token',
  RESPONSE_TOO_LARGE: 'response',
};

function limitRefusal(error: GraphqlError): ApiError | null {
  const match = LIMIT_MESSAGE.exec(error.message);
  if (match) return new ApiError('LIMIT', `${match[1]!.toLowerCase()}:${match[2]}:${match[3] ?? '?'}`);
  const kind = LIMIT_CODES[error.extensions?.code ?? ''];
  if (!kind) return null;
  const { limit = '?', cost, found } = error.extensions ?? {};
  return new ApiError('LIMIT', `${kind}:${limit}:${cost ?? found ?? '?'}`);
}

/** Which limit, in the current language. */
function limitDetail(detail: string): string {
  const [kind = 'cost', limit = '?', found = '?'] = detail.split(':');
  return t(LIMIT_KEYS[kind] ?? 'limit.cost', { limit, found });
}

function toApiError(error: GraphqlError): ApiError {
  const code = error.extensions?.code ?? 'UNKNOWN';
  const limit = limitRefusal(error);
  if (limit) return limit;
  if (code === 'TIME_BUDGET_EXCEEDED') return new ApiError('TIMEOUT', error.message);
  if (code === 'SERVICE_UNAVAILABLE' && /too long/.test(error.message)) return new ApiError('TIMEOUT', error.message);
  return new ApiError(isKnownCode(code) ? code : 'UNKNOWN', error.message);
}

/** Mercurius's answer to a hash it does not hold (persistedQueryDefaults.automatic). */
const PERSISTED_QUERY_NOT_FOUND = 'PersistedQueryNotFound';

/** Documents the server has been sent in full by this page (it keeps them by hash). */
const SENT = new Set<string>();
const HASHES = new Map<string, string>();

/** The document's SHA-256 in hex, or null where the page cannot hash (no crypto.subtle: plain http off localhost). */
async function documentHash(query: string): Promise<string | null> {
  const known = HASHES.get(query);
  if (known) return known;
  if (!globalThis.crypto?.subtle) return null;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(query));
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  HASHES.set(query, hex);
  return hex;
}

/** One POST to /graphql: the response and its parsed body (a 401 and unreadable bodies throw). */
async function post<T>(payload: Record<string, unknown>, signal?: AbortSignal) {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...authHeaders() },
      body: JSON.stringify(payload),
      signal: signal ?? null,
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError('NETWORK', String(error));
  }
  if (response.status === 401) throw unauthenticated(response);
  let body: { data?: T | null; errors?: GraphqlError[] } | undefined;
  try {
    body = await response.json();
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError('HTTP', response.statusText, response.status);
  }
  return { response, body };
}

/**
 * Runs a GraphQL query and returns its data; throws ApiError when the request fails or the answer
 * has errors. An aborted request rejects with the AbortError so callers can drop stale answers.
 * A document of web/src/documents (its TypedDocumentString, web/src/generated/graphql.ts) types its
 * variables and its answer; a text built at run time (aliases that vary) names its answer's type.
 *
 * @example
 *   const { entity } = await gql(DetailsDocument, { id });
 */
export async function gql<R, V>(document: TypedDocumentString<R, V>, variables: V, signal?: AbortSignal): Promise<R>;
export async function gql<T>(query: string, variables?: Record<string, unknown>, signal?: AbortSignal): Promise<T>;
export async function gql<T>(
  document: string | TypedDocumentString<T, unknown>,
  variables: unknown = {},
  signal?: AbortSignal,
): Promise<T> {
  // The text is what the server parses and what the persisted-query hash is taken of.
  const query = document.toString();
  const hash = await documentHash(query);
  // A document the server has already been sent travels as its hash alone (automatic persisted
  // queries, server/graphql.ts); the first time, and whenever the server has forgotten it (a restart,
  // its cache full), the text goes with the hash so the server keeps it.
  const persisted = hash ? { persistedQuery: { version: 1, sha256Hash: hash } } : undefined;
  let answer = await post<T>(
    persisted && SENT.has(query) ? { variables, extensions: persisted } : { query, variables, extensions: persisted },
    signal,
  );
  if (answer.body?.errors?.[0]?.message === PERSISTED_QUERY_NOT_FOUND) {
    SENT.delete(query);
    answer = await post<T>({ query, variables, extensions: persisted }, signal);
  }
  const { response, body } = answer;
  if (persisted && response.ok && !body?.errors?.length) SENT.add(query);
  const first = body?.errors?.[0];
  if (first?.extensions?.code === 'UNAUTHENTICATED') throw unauthenticated(response);
  if (first) throw toApiError(first);
  if (!response.ok || body?.data == null) throw new ApiError('HTTP', response.statusText, response.status);
  return body.data;
}

/** A 401: the sign-in screen comes back (auth.ts), and the caller gets an error to drop. */
function unauthenticated(response: Response): ApiError {
  reportUnauthorized();
  return new ApiError('UNAUTHENTICATED', response.statusText, 401);
}

/**
 * Downloads a file the server makes (an export) with the sign-in header — a plain link could not send
 * it — and hands it to the browser as a download under the server's file name.
 */
export async function download(url: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { headers: authHeaders() });
  } catch (error) {
    throw new ApiError('NETWORK', String(error));
  }
  if (response.status === 401) throw unauthenticated(response);
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    const code = body?.error?.code ?? (response.status === 403 ? 'FORBIDDEN' : 'HTTP');
    throw new ApiError(isKnownCode(code) ? code : 'HTTP', body?.error?.message ?? '', response.status);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
  const blob = await response.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name ? decodeURIComponent(name) : fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** The words to show for any failure (ApiError or not). */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.describe();
  return t('error.UNKNOWN', { detail: error instanceof Error ? error.message : String(error) });
}
