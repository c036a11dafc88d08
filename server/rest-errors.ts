/**
 * How a REST route refuses: the body in the one REST error shape (graph/errors.ts restError) and the
 * HTTP status its code has in the one table (schema/error-codes.ts), so a route never writes a status
 * of its own. tests/unit/rest-statuses.test.ts fails on a route that does.
 */
import type { FastifyReply } from 'fastify';
import { type ApiError, HTTP_STATUS, restError } from '../graph/errors.ts';
import { type ErrorCode, isErrorCode } from '../schema/error-codes.ts';

/** Answers with `code`'s status and the REST error body (`field` names the argument at fault). */
export function sendError(reply: FastifyReply, code: ErrorCode, message: string, field?: string) {
  return reply.code(HTTP_STATUS[code]).send(restError(code, message, field));
}

/** An ApiError a route's work threw (bad input, not found, a conflict …), answered by its code's status. */
export function sendApiError(reply: FastifyReply, error: ApiError) {
  const { code, field } = (error.extensions ?? {}) as { code?: unknown; field?: string };
  return sendError(reply, isErrorCode(code) ? code : 'INTERNAL_SERVER_ERROR', error.message, field);
}
