/**
 * Every answer carries the headers helmet itself sends with the settings the app had under
 * @fastify/helmet (33edefc's hardening.ts), whatever door answers it: GraphQL errors, REST errors, 404s,
 * the viewer's static files, /health, the sign-in gate's and the host check's refusals, the limits'
 * 429s and HEAD requests. The reference is helmet's middleware run on a real node:http response (not
 * server/hardening.ts's securityHeaders, which is what is under test). Also: bearer tokens that must be
 * refused stay refused however often they are sent, before and after a good token is remembered.
 */
import { once } from 'node:events';
import { readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSigner } from 'fast-jwt';
import helmet from 'helmet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIEWER_DIST } from '../../server/routes/viewer.ts';
import { authHeaders, buildTestApp, TEST_SECRET, type TestApp, tokenFor } from '../helpers/app.ts';

/** The options 33edefc passed to @fastify/helmet, restated as the reference. */
const BEFORE = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
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
  crossOriginEmbedderPolicy: false,
} as const;

let app: TestApp;
let limited: TestApp;
let hosted: TestApp;
let reference: Record<string, string>;

/** helmet's own headers: its middleware on a real server, read back by a real client. */
async function helmetReference(): Promise<Record<string, string>> {
  const middleware = helmet(BEFORE);
  const server = createServer((request, response) => middleware(request, response, () => response.end('ok')));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/`);
    const plain = new Set(['content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding', 'content-type']);
    return Object.fromEntries([...response.headers].filter(([name]) => !plain.has(name)));
  } finally {
    server.close();
  }
}

beforeAll(async () => {
  reference = await helmetReference();
  app = await buildTestApp();
  limited = await buildTestApp({ RATE_LIMIT_MAX: '1', AUTH_FAILURES_PER_MINUTE: '1' });
  hosted = await buildTestApp({ ALLOWED_HOSTS: 'graph.example' });
});
afterAll(async () => {
  await app?.close();
  await limited?.close();
  await hosted?.close();
});

// Each request from its own address: the refused tokens below would otherwise reach the failed
// sign-in limit (AUTH_FAILURES_PER_MINUTE) and be answered 429 before being verified.
let addresses = 0;
const post = (payload: unknown, headers: Record<string, string> = authHeaders()) =>
  app.inject({
    method: 'POST',
    url: '/graphql',
    headers,
    payload: payload as Record<string, unknown>,
    remoteAddress: `10.1.${Math.floor(++addresses / 250)}.${addresses % 250}`,
  });
const asset = () => `/assets/${readdirSync(`${VIEWER_DIST}assets`)[0]}`;

function expectHelmetHeaders(response: { headers: Record<string, unknown> }) {
  expect(Object.keys(reference).length).toBeGreaterThanOrEqual(10);
  for (const [name, value] of Object.entries(reference)) expect(response.headers[name], name).toBe(value);
}

describe("helmet's headers on every answer, as helmet sends them", () => {
  it('the reference is helmet with the CSP the viewer runs under', () => {
    expect(reference['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(reference['cross-origin-embedder-policy']).toBeUndefined();
  });

  it.each([
    ['the viewer page', () => app.inject('/')],
    ['HEAD of the viewer page', () => app.inject({ method: 'HEAD', url: '/' })],
    ['a static asset', () => app.inject(asset())],
    ['HEAD of a static asset', () => app.inject({ method: 'HEAD', url: asset() })],
    ['/health', () => app.inject('/health')],
    ['HEAD /health', () => app.inject({ method: 'HEAD', url: '/health' })],
    ['a GraphQL answer', () => post({ query: '{ me { role } }' })],
    ['a GraphQL syntax error', () => post({ query: '{ me { ' })],
    ['a GraphQL validation error', () => post({ query: '{ noSuchField }' })],
    ['a GraphQL bad argument', () => post({ query: '{ pairingCoverage(area: "no-such-area") { total } }' })],
    [
      'GraphQL as text/plain (415)',
      () => app.inject({ method: 'POST', url: '/graphql', headers: { ...authHeaders(), 'content-type': 'text/plain' }, payload: '{}' }),
    ],
    ['a REST error (bad report argument)', () => app.inject({ url: '/export/coverage.csv?area=no-such-area', headers: authHeaders() })],
    ['no such route (404)', () => app.inject('/no-such-route')],
    ['HEAD of no such route', () => app.inject({ method: 'HEAD', url: '/no-such-route' })],
    ['the gate: no sign-in (401)', () => app.inject({ url: '/export/coverage.csv?area=x' })],
    ['the gate: a malformed Authorization (401)', () => app.inject({ url: '/health', headers: { authorization: 'Basic abc' } })],
    ['the gate: a refused token on GraphQL (401)', () => post({ query: '{ me { role } }' }, { authorization: 'Bearer a.b.c' })],
    [
      'the gate: a forbidden role (403)',
      () => app.inject({ url: '/export/coverage.csv?area=x', headers: authHeaders({ role: 'viewer' }) }),
    ],
  ])('%s', async (_name, send) => {
    expectHelmetHeaders(await send());
  });

  it('the rate limit and the failed sign-in limit (429)', async () => {
    const headers = authHeaders({ role: 'viewer', subject: 'headers-limited' });
    const ask = () => limited.inject({ method: 'POST', url: '/graphql', headers, payload: { query: '{ me { role } }' } });
    await ask();
    const over = await ask();
    expect(over.statusCode).toBe(429);
    expectHelmetHeaders(over);
    const bad = { authorization: 'Bearer x.y.z' };
    await limited.inject({ url: '/health', headers: bad, remoteAddress: '10.9.9.9' });
    const locked = await limited.inject({ url: '/health', headers: bad, remoteAddress: '10.9.9.9' });
    expect(locked.statusCode).toBe(429);
    expectHelmetHeaders(locked);
  });

  it("the host check's refusal (421)", async () => {
    const refused = await hosted.inject({ url: '/health', headers: { host: 'attacker.example' } });
    expect(refused.statusCode).toBe(421);
    expectHelmetHeaders(refused);
  });
});

describe('tokens that must be refused stay refused, remembered good tokens or not', () => {
  const sign = (claims: Record<string, unknown>, options: Record<string, unknown> = {}) =>
    createSigner({ key: TEST_SECRET, algorithm: 'HS256', iss: 'jinan-party-graph', aud: 'jinan-party-graph', ...options })({
      sub: 'refused-reader',
      role: 'viewer',
      ...claims,
    });
  const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;
  const me = (authorization: string) => post({ query: '{ me { role } }' }, { authorization });

  it.each([
    [
      'signed with another secret',
      () =>
        createSigner({ key: 'another-secret-0123456789-0123456789-0123456789', iss: 'jinan-party-graph', aud: 'jinan-party-graph' })({
          sub: 'x',
          role: 'admin',
          exp: inAnHour(),
        }),
    ],
    [
      'alg none',
      () =>
        createSigner({ algorithm: 'none', iss: 'jinan-party-graph', aud: 'jinan-party-graph' })({
          sub: 'x',
          role: 'admin',
          exp: inAnHour(),
        }),
    ],
    [
      'HS512 (not the pinned algorithm)',
      () =>
        createSigner({ key: TEST_SECRET, algorithm: 'HS512', iss: 'jinan-party-graph', aud: 'jinan-party-graph' })({
          sub: 'x',
          role: 'admin',
          exp: inAnHour(),
        }),
    ],
    ['another issuer', () => sign({ exp: inAnHour() }, { iss: 'someone-else' })],
    ['another audience', () => sign({ exp: inAnHour() }, { aud: 'someone-else' })],
    ['no exp', () => sign({})],
    ['expired', () => sign({ exp: Math.floor(Date.now() / 1000) - 5 })],
    ['not valid yet (nbf)', () => sign({ exp: inAnHour(), nbf: inAnHour() - 60 })],
    ['issued in the future (iat)', () => sign({ exp: inAnHour(), iat: inAnHour() - 60 })],
    ['an editor with no scope', () => sign({ exp: inAnHour(), role: 'editor' })],
  ])('%s: refused every time', async (_name, make) => {
    const token = make();
    const before = app.verifiedTokens.size;
    for (let i = 0; i < 3; i += 1) {
      const response = await me(`Bearer ${token}`);
      expect(response.statusCode).toBe(401);
      expectHelmetHeaders(response);
    }
    expect(app.verifiedTokens.size).toBe(before);
  });

  it('a remembered token padded, spaced or re-cased is refused or verified in full, never answered for another', async () => {
    const token = tokenFor({ role: 'viewer', subject: 'padded-reader' });
    expect((await me(`Bearer ${token}`)).json()).toEqual({ data: { me: { role: 'viewer' } } });
    for (const variant of [
      `Bearer ${token} `,
      `Bearer  ${token}`,
      `Bearer\t${token}`,
      `bearer ${token}`,
      `Bearer ${token}=`,
      `Bearer ${token}.`,
    ]) {
      const response = await me(variant);
      expect(response.statusCode, JSON.stringify(variant)).toBe(401);
    }
  });

  it('a remembered token pushed out by 10,000 newer ones is verified again, and an expired one then refused', async () => {
    const exp = Math.floor(Date.now() / 1000) + 2;
    const short = sign({ exp, sub: 'evicted-reader' });
    expect((await me(`Bearer ${short}`)).statusCode).toBe(200);
    for (let i = 0; i < 10_000; i += 1)
      app.verifiedTokens.set(`filler-${i}`, { subject: 'f', name: 'f', role: 'viewer', scope: null }, inAnHour());
    expect(app.verifiedTokens.get(short)).toBeUndefined();
    expect((await me(`Bearer ${short}`)).statusCode).toBe(200);
    await new Promise((done) => setTimeout(done, Math.max(0, exp * 1000 - Date.now()) + 50));
    expect((await me(`Bearer ${short}`)).statusCode).toBe(401);
  });
});
