/**
 * A request whose URL Fastify cannot decode (a broken percent-escape) is answered by Fastify's own
 * onBadUrl: raw writeHead, no hook runs, so it carries none of helmet's headers and not the API's
 * error format. Pre-existing (before 135c724 too: @fastify/helmet's onRequest hook never ran for it).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { securityHeaders } from '../../server/hardening.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(() => app.close());

it.each(['/%E0%A4%A', '/graphql/%zz', '/export/%c0'])('%s: 400 in the API error format with the security headers', async (url) => {
  const response = await app.inject(url);
  expect(response.statusCode).toBe(400);
  expect(response.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
  for (const [name, value] of securityHeaders()) expect(response.headers[name], name).toBe(value);
});
