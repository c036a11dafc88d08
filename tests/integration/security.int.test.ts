/**
 * The doors of the API: which tokens get in (signature, algorithm, expiry, issuer, audience, claims),
 * the local demo mode, production settings, security headers, CORS, rate limits, and the GraphQL
 * limits that refuse over-deep, over-costly, alias-bombed and oversized requests before any Cypher.
 */
import { createSigner } from 'fast-jwt';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../graph/config.ts';
import { buildApp } from '../../server/app.ts';
import { authHeaders, buildTestApp, TEST_SECRET, type TestApp, testConfig, tokenFor } from '../helpers/app.ts';

const KINDS = '{ kinds { name count } }';
let app: TestApp;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(() => app.close());

const ask = (headers: Record<string, string>, query = KINDS) =>
  app.inject({ method: 'POST', url: '/graphql', headers, payload: { query } });

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A token signed outside the product, with whatever it is given. */
function forge(claims: Record<string, unknown>, options: Record<string, unknown> = {}) {
  return createSigner({
    key: TEST_SECRET,
    algorithm: 'HS256',
    iss: 'jinan-party-graph',
    aud: 'jinan-party-graph',
    expiresIn: 60_000,
    ...options,
  })(claims);
}

describe('sign-in', () => {
  it('answers anonymous callers with 401 everywhere but /health, /ready and the viewer pages', async () => {
    const anonymous = await ask({});
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['www-authenticate']).toBe('Bearer');
    expect(anonymous.json()).toMatchObject({ data: null, errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    const download = await app.inject('/export/coverage.csv?area=x');
    expect(download.statusCode).toBe(401);
    // The REST routes' one error shape, as the exports and the import answer theirs.
    expect(download.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/^sign in/) } });
    const viewerDownload = await app.inject({ url: '/export/coverage.csv?area=x', headers: authHeaders({ role: 'viewer' }) });
    expect(viewerDownload.statusCode).toBe(403);
    expect(viewerDownload.json()).toEqual({ error: { code: 'FORBIDDEN', message: expect.stringContaining('viewer') } });
    expect((await app.inject('/health')).statusCode).toBe(200);
    expect([200, 503]).toContain((await app.inject('/ready')).statusCode);
    expect((await app.inject('/')).statusCode).toBe(200);
  });

  it('accepts a token it signed, for its lifetime', async () => {
    const response = await ask(authHeaders({ role: 'viewer' }), '{ me { name role scope canWrite canAudit } }');
    expect(response.json()).toEqual({
      data: { me: { name: '测试viewer', role: 'viewer', scope: null, canWrite: false, canAudit: false } },
    });
  });

  it.each([
    [
      'a wrong signature',
      () =>
        createSigner({
          key: 'another-secret-another-secret-another-secret',
          iss: 'jinan-party-graph',
          aud: 'jinan-party-graph',
          expiresIn: 60_000,
        })({ sub: 'x', role: 'admin' }),
    ],
    ['an expired token', () => forge({ sub: 'x', role: 'admin', exp: Math.floor(Date.now() / 1000) - 10 }, { expiresIn: undefined })],
    ['no expiry', () => forge({ sub: 'x', role: 'admin' }, { expiresIn: undefined })],
    [
      'the none algorithm',
      () =>
        createSigner({ key: undefined, algorithm: 'none', iss: 'jinan-party-graph', aud: 'jinan-party-graph', expiresIn: 60_000 })({
          sub: 'x',
          role: 'admin',
        }),
    ],
    ['another algorithm (HS512)', () => forge({ sub: 'x', role: 'admin' }, { algorithm: 'HS512' })],
    ['another issuer', () => forge({ sub: 'x', role: 'admin' }, { iss: 'someone-else' })],
    ['another audience', () => forge({ sub: 'x', role: 'admin' }, { aud: 'another-api' })],
    ['an unknown role', () => forge({ sub: 'x', role: 'superuser' })],
    ['an editor without scope', () => forge({ sub: 'x', role: 'editor' })],
    ['no subject', () => forge({ role: 'admin' })],
    ['garbage', () => 'not.a.token'],
  ])('refuses %s with 401 and says why', async (_name, token) => {
    const response = await ask(bearer(token()));
    expect(response.statusCode).toBe(401);
    const error = response.json().errors[0];
    expect(error.extensions.code).toBe('UNAUTHENTICATED');
    expect(error.message).toMatch(/^sign-in failed: /);
    // Even public routes refuse a bad token: the caller believes it is signed in.
    expect((await app.inject({ url: '/health', headers: bearer(token()) })).statusCode).toBe(401);
  });

  it('does not let a token minted for one role act as another', async () => {
    const viewer = tokenFor({ role: 'viewer' });
    const [header, payload, signature] = viewer.split('.');
    const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString());
    const promoted = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    const response = await ask(bearer(`${header}.${promoted}.${signature}`));
    expect(response.statusCode).toBe(401);
  });
});

describe('local demo mode and production', () => {
  it('lets anonymous callers read as an auditor in demo mode, and never write', async () => {
    const demo = await buildTestApp({ AUTH_DEMO: 'true' });
    try {
      // The demo mode answers only loopback Host names on its port (server/host-check.ts).
      const headers = { host: 'localhost:4000' };
      const read = await demo.inject({ method: 'POST', url: '/graphql', headers, payload: { query: '{ me { role } kinds { name } }' } });
      expect(read.json().data.me).toEqual({ role: 'auditor' });
      const write = await demo.inject({
        method: 'POST',
        url: '/graphql',
        headers,
        payload: { query: 'mutation { updatePlace(id: "x", input: { name: "y" }) { id } }' },
      });
      expect(write.json().errors[0].extensions.code).toBe('FORBIDDEN');
    } finally {
      await demo.close();
    }
  });

  it('refuses the demo mode under NODE_ENV=production, and a production start without a key', async () => {
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_DEMO: 'true', AUTH_SECRET: TEST_SECRET })).toThrow(/AUTH_DEMO/);
    const neo4j = inject('neo4j');
    const keyless = buildApp({ config: loadConfig({ NODE_ENV: 'production' }), neo4j });
    await expect(keyless).rejects.toThrow(/AUTH_SECRET/);
  });

  it('turns off introspection and GraphiQL in production', async () => {
    const production = await buildTestApp({ NODE_ENV: 'production' });
    try {
      const introspection = await production.inject({
        method: 'POST',
        url: '/graphql',
        headers: authHeaders(),
        payload: { query: '{ __schema { types { name } } }' },
      });
      expect(introspection.json().errors[0].message).toMatch(/introspection/i);
      expect((await production.inject('/graphiql')).statusCode).toBe(404);
    } finally {
      await production.close();
    }
  });
});

describe('headers, CORS and rate limits', () => {
  it('sends security headers with a CSP that allows only the server itself', async () => {
    const page = await app.inject('/');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('allows cross-site calls only from the configured origins', async () => {
    const allowed = await buildTestApp({ CORS_ORIGINS: 'https://planner.example.gov.cn' });
    try {
      const preflight = (origin: string) =>
        allowed.inject({
          method: 'OPTIONS',
          url: '/graphql',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
        });
      expect((await preflight('https://planner.example.gov.cn')).headers['access-control-allow-origin']).toBe(
        'https://planner.example.gov.cn',
      );
      expect((await preflight('https://evil.example.com')).headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await allowed.close();
    }
    const none = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { origin: 'https://evil.example.com', ...authHeaders() },
      payload: { query: KINDS },
    });
    expect(none.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses GraphQL posts that are not JSON (what a cross-site form could send)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': type, ...authHeaders() },
        payload: `query=${KINDS}`,
      });
      expect([415, 400]).toContain(response.statusCode);
      expect(response.body).not.toContain('"kinds"');
    }
  });

  it('limits requests per signed-in subject, not per address', async () => {
    const limited = await buildTestApp({ RATE_LIMIT_MAX: '5' });
    try {
      const as = (subject: string) => authHeaders({ role: 'viewer', subject });
      const codes: number[] = [];
      for (let i = 0; i < 7; i += 1)
        codes.push(
          (await limited.inject({ method: 'POST', url: '/graphql', headers: as('busy'), payload: { query: '{ me { role } }' } }))
            .statusCode,
        );
      expect(codes.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(codes.slice(5)).toEqual([429, 429]);
      // The same subject with a role that may download: counted together, refused in the REST shape.
      const download = await limited.inject({
        url: '/export/coverage.csv?area=x',
        headers: authHeaders({ role: 'auditor', subject: 'busy' }),
      });
      expect(download.statusCode).toBe(429);
      expect(download.json()).toEqual({
        error: { code: 'RATE_LIMITED', message: expect.stringMatching(/^more than 5 requests a minute/) },
      });
      const other = await limited.inject({ method: 'POST', url: '/graphql', headers: as('quiet'), payload: { query: '{ me { role } }' } });
      expect(other.statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('GraphQL limits', () => {
  /** Sends a request and says whether it reached Neo4j (any round trip counted by the store). */
  async function refusedBeforeCypher(payload: unknown) {
    const before = app.store.roundTrips;
    const response = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: authHeaders(),
      payload: payload as Record<string, unknown>,
    });
    return { response, ranCypher: app.store.roundTrips !== before };
  }

  const nested = (depth: number, page = '') => {
    let selection = 'id';
    for (let i = 0; i < depth; i += 1) selection = `children${page} { nodes { ... on Organization { ${selection} } } }`;
    return `{ organization(name: "历城区委") { ${selection} } }`;
  };

  it.each([
    ['over-deep', { query: nested(8) }, /depth/i],
    ['alias-bombed', { query: `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: kinds { name }`).join(' ')} }` }, /alias/i],
    [
      'over-costly',
      {
        query: `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: organizations(first: 500) { nodes { id name kind ... on Organization { parent { id name children { nodes { id name } } } } } }`).join(' ')} }`,
      },
      /cost|alias/i,
    ],
    ['directive-bombed', { query: `{ kinds ${'@include(if: true) '.repeat(40)} { name } }` }, /directive/i],
    ['token-bombed', { query: `{ kinds { ${'name '.repeat(3000)} } }` }, /token/i],
  ])('refuses an %s query before any Cypher runs', async (_name, payload, message) => {
    const { response, ranCypher } = await refusedBeforeCypher(payload);
    const body = response.json();
    expect(body.data ?? null).toBeNull();
    expect(body.errors[0].message).toMatch(message);
    expect(ranCypher).toBe(false);
    expect(response.statusCode).toBeLessThan(500);
  });

  it('refuses batched queries and oversized bodies', async () => {
    const batch = await refusedBeforeCypher([{ query: KINDS }, { query: KINDS }]);
    expect(batch.response.statusCode).toBeLessThan(500);
    expect(batch.response.json()).toMatchObject({ data: null, errors: [{ message: 'body must be object' }] });
    expect(batch.ranCypher).toBe(false);
    const huge = await refusedBeforeCypher({ query: KINDS, variables: { padding: 'x'.repeat(testConfig().BODY_LIMIT) } });
    expect(huge.response.statusCode).toBe(413);
    expect(huge.ranCypher).toBe(false);
  });

  it('still answers the deepest query the viewer and the examples use', async () => {
    // Four levels of default pages (100⁴ organizations) are over the cost limit: pages are given.
    const { response, ranCypher } = await refusedBeforeCypher({ query: nested(4, '(first: 10)') });
    expect(response.json().errors).toBeUndefined();
    expect(ranCypher).toBe(true);
  });
});
