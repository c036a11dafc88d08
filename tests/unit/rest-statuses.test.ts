/**
 * The REST routes take their HTTP status from the one error-code table (schema/error-codes.ts): a
 * route refuses through server/rest-errors.ts (or HTTP_STATUS), never with a status literal of its
 * own, every code it names is in the table, and the status a client receives is the table's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../graph/errors.ts';
import { API_ERRORS, ERROR_CODE_NAMES, isErrorCode } from '../../schema/error-codes.ts';
import { sendApiError, sendError } from '../../server/rest-errors.ts';

const ROOT = join(import.meta.dirname, '../..');

/** The files that answer REST requests: the routes, the sign-in door, and the plugins that refuse before a route runs. */
function restFiles(): string[] {
  const under = (dir: string) =>
    readdirSync(join(ROOT, dir))
      .filter((name) => name.endsWith('.ts'))
      .map((name) => `${dir}/${name}`);
  return [
    ...under('server/routes'),
    ...under('server/auth'),
    'server/app.ts',
    'server/host-check.ts',
    'server/hardening.ts',
    'server/cost-budget.ts',
    'server/rest-errors.ts',
  ];
}

/** Comment text is not code: a sentence may mention 429 or 422. */
const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

describe('REST statuses come from the error-code table', () => {
  it('no REST file writes a 4xx or 5xx status literal', () => {
    const literal = /(\.code\(\s*|statusCode:\s*|\bstatus:\s*)([45]\d\d)\b/g;
    const found = restFiles().flatMap((file) =>
      [...withoutComments(readFileSync(join(ROOT, file), 'utf8')).matchAll(literal)].map((m) => `${file}: ${m[0]}`),
    );
    expect(found).toEqual([]);
  });

  it('every error code a REST file names is in the table', () => {
    // sendError(reply, 'CODE', …), restError('CODE', …), refuse(request, reply, 'CODE', …),
    // refuseField(reply, 'CODE', …), page(reply, 'CODE', …), code: 'CODE'
    const named =
      /(?:sendError\(\s*reply,|restError\(|refuse\(\s*request,\s*reply,|refuseField\(\s*reply,|page\(\s*reply,|\bcode:)\s*'([A-Z_]+)'/g;
    const codes = new Set(restFiles().flatMap((file) => [...readFileSync(join(ROOT, file), 'utf8').matchAll(named)].map((m) => m[1]!)));
    expect(codes.size).toBeGreaterThan(5);
    expect([...codes].filter((code) => !isErrorCode(code))).toEqual([]);
  });

  it('answers each code with the table’s status and the REST error body', async () => {
    const app = Fastify();
    app.get<{ Params: { code: string } }>('/refuse/:code', (request, reply) => {
      const { code } = request.params;
      if (!isErrorCode(code)) throw new Error(code);
      return sendError(reply, code, `refused with ${code}`, 'field');
    });
    app.get<{ Params: { code: string } }>('/throw/:code', (request, reply) => {
      const { code } = request.params;
      if (!isErrorCode(code)) throw new Error(code);
      return sendApiError(reply, new ApiError(code, `thrown with ${code}`, { field: 'argument' }));
    });
    try {
      for (const code of ERROR_CODE_NAMES) {
        const sent = await app.inject(`/refuse/${code}`);
        expect(sent.statusCode, code).toBe(API_ERRORS[code].status);
        expect(sent.json(), code).toEqual({ error: { code, field: 'field', message: `refused with ${code}` } });
        const thrown = await app.inject(`/throw/${code}`);
        expect(thrown.statusCode, code).toBe(API_ERRORS[code].status);
        expect(thrown.json(), code).toEqual({ error: { code, field: 'argument', message: `thrown with ${code}` } });
      }
    } finally {
      await app.close();
    }
  });
});
