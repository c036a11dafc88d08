/**
 * What every request costs before its question is answered, made cheaper without changing what the
 * doors decide: helmet's headers, asked of helmet once, go with every answer (refusals by the sign-in
 * gate too, which they missed before); a bearer token verified once is answered from memory until its
 * own expiry, and only its exact text is. (Sessions are still read from the store on every request: a
 * disabled account's session ends at once, tests/integration/accounts.int.test.ts.)
 */
import { createSigner } from 'fast-jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityHeaders } from '../../server/hardening.ts';
import { authHeaders, buildTestApp, TEST_SECRET, type TestApp, tokenFor } from '../helpers/app.ts';

let app: TestApp;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(() => app.close());

const ME = '{ me { name role } }';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const ask = (headers: Record<string, string>, query = ME) => app.inject({ method: 'POST', url: '/graphql', headers, payload: { query } });

describe('security headers on every answer', () => {
  it.each([
    ['a page', () => app.inject('/')],
    ['an answer', () => ask(authHeaders())],
    ['a refusal by the sign-in gate (401)', () => ask({})],
    ['a refused token (401)', () => ask(bearer('not.a.token'))],
    ['a forbidden route (403)', () => app.inject({ url: '/export/coverage.csv?area=x', headers: authHeaders({ role: 'viewer' }) })],
    ['no such route (404)', () => app.inject('/no-such-route')],
  ])('%s', async (_name, send) => {
    const response = await send();
    for (const [name, value] of securityHeaders()) expect(response.headers[name], name).toBe(value);
  });
});

describe('bearer tokens verified once', () => {
  it('answers a token seen before from memory, as verifying it again would', async () => {
    const token = tokenFor({ role: 'viewer', subject: 'fixed-cost-reader', name: '读者甲' });
    const before = app.verifiedTokens.size;
    const first = await ask(bearer(token));
    expect(first.json()).toEqual({ data: { me: { name: '读者甲', role: 'viewer' } } });
    expect(app.verifiedTokens.size).toBe(before + 1);
    const again = await ask(bearer(token));
    expect(again.json()).toEqual(first.json());
    expect(app.verifiedTokens.size).toBe(before + 1);
  });

  it('refuses a token that is not the exact text verified, however close', async () => {
    const token = tokenFor({ role: 'viewer', subject: 'fixed-cost-close' });
    expect((await ask(bearer(token))).statusCode).toBe(200);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    // Same header and claims, another signature; same signature, another role.
    const resigned = `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const promoted = `${header}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url')}.${signature}`;
    for (const forged of [resigned, promoted]) {
      const response = await ask(bearer(forged));
      expect(response.statusCode).toBe(401);
      expect(response.json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    // Two spaces after Bearer: refused as before (the token is not read from a malformed header).
    expect((await ask({ authorization: `Bearer  ${token}` })).statusCode).toBe(401);
  });

  it('refuses a token verified before once it has expired', async () => {
    // fast-jwt's exp is in whole seconds: a token that expires at the next whole second but one.
    const exp = Math.floor(Date.now() / 1000) + 2;
    const token = createSigner({ key: TEST_SECRET, algorithm: 'HS256', iss: 'jinan-party-graph', aud: 'jinan-party-graph' })({
      sub: 'fixed-cost-short',
      role: 'viewer',
      exp,
    });
    expect((await ask(bearer(token))).statusCode).toBe(200);
    await new Promise((done) => setTimeout(done, Math.max(0, exp * 1000 - Date.now()) + 50));
    const late = await ask(bearer(token));
    expect(late.statusCode).toBe(401);
    expect(late.json().errors[0].message).toMatch(/^sign-in failed: /);
  });
});

describe('cost estimates remembered per document and variables', () => {
  // The same text each time, so Mercurius hands the same parsed document: only the variables differ.
  let selection = 'id name';
  for (let i = 0; i < 3; i += 1) selection = `id children(first: $n) { nodes { ... on Organization { ${selection} } } }`;
  const QUERY = `query C($n: Int) { organization(name: "历城区委") { ${selection} } }`;
  const withPage = async (n: number) => {
    const response = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: authHeaders(),
      payload: { query: QUERY, variables: { n } },
    });
    return response.json() as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  };

  it('prices the same document by the variables it comes with, in either order, every time', async () => {
    // 500³ objects is over the limit, 10³ is not: an estimate kept by the document alone would answer
    // the second of each pair with the first's verdict.
    for (const [n, refused] of [
      [500, true],
      [10, false],
      [500, true],
      [10, false],
    ] as const) {
      const answer = await withPage(n);
      if (refused) expect(answer.errors?.[0]?.extensions?.code, `n = ${n}`).toBe('QUERY_TOO_COMPLEX');
      else expect(answer.errors, `n = ${n}`).toBeUndefined();
    }
  });
});
