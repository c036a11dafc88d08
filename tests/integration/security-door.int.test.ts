/**
 * The API's door, as the red-team of issue #13 tried it (M3, M4, M5, L1, L2, L5, L6 and the info items)
 * and #14 item 9: what goes out in a CSV, which tokens get in, which Host names are served, what a
 * refusal tells, how long a slow client may hold a connection, and which errors keep the REST shape.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSigner } from 'fast-jwt';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../graph/config.ts';
import { buildApp } from '../../server/app.ts';
import { localSecretOf } from '../../server/auth/token.ts';
import { reportCsv } from '../../server/routes/exports.ts';
import { ADMIN, authHeaders, buildTestApp, gql, TEST_SECRET, tokenFor } from '../helpers/app.ts';
import { withFixtureApp } from '../helpers/fixture.ts';

const fixture = withFixtureApp('sd');
const { id } = fixture;
const KINDS = '{ kinds { name count } }';
const ISS = 'jinan-party-graph';
const now = () => Math.floor(Date.now() / 1000);

/** A token signed with the test secret, with exactly the claims given (no iss/aud added). */
const signed = (claims: Record<string, unknown>, key: string = TEST_SECRET, algorithm: 'HS256' | 'RS256' = 'HS256') =>
  createSigner({ key, algorithm })({ exp: now() + 600, ...claims });

const scratch = mkdtempSync(join(tmpdir(), 'partygraph-door-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('CSV exports neutralise spreadsheet formulas (M3)', () => {
  it('prefixes cells starting with = + - @ tab or CR with a quote; numbers stay numbers', () => {
    const csv = reportCsv({
      name: 't',
      title: 't',
      filter: [],
      headers: ['a'],
      rows: [['=HYPERLINK("http://evil.example")', '+1+cmd', '-2+3', '@SUM(1)', '\tx', '\ry', -5, '正常']],
    });
    const line = csv.split('\n').find((l) => l.includes('HYPERLINK'))!;
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    for (const cell of ["'+1+cmd", "'-2+3", "'@SUM(1)", "'\tx", ',-5,', '正常']) expect(line).toContain(cell);
    expect(csv).toContain("'\ry");
  });

  it('pairings.csv: an editor-written programme and reason cannot run in the auditor’s spreadsheet', async () => {
    const started = await gql(
      fixture.app,
      `mutation { startPairing(input: { id: "sd-formula-pair", kind: EnterpriseVillage, partnerId: "${id('e2')}", targetId: "${id('v4')}",
        programme: "+1+cmd|' /C calc'!A0", validFrom: "2024-01-01", reason: "@SUM(1+1)*cmd|' /C calc'!A0" }) { id } }`,
    );
    expect(started.errors).toBeUndefined();
    const ended = await gql(
      fixture.app,
      `mutation { endPairing(id: "sd-formula-pair", validTo: "2024-06-01", reason: "-2+3+cmd|' /C calc'!A0") { id } }`,
    );
    expect(ended.errors).toBeUndefined();
    const response = await fixture.app.inject({ url: `/export/pairings.csv?area=${id('district')}`, headers: authHeaders() });
    expect(response.statusCode).toBe(200);
    const row = response.body.split('\n').find((l) => l.startsWith('sd-formula-pair'))!;
    expect(row).toContain(",'+1+cmd|' /C calc'!A0,");
    expect(row).toMatch(/,'(-2\+3|@SUM)/);
    expect(row).not.toMatch(/,[=+\-@]/);
  });
});

describe('tokens (M4, L2, L5, future iat, 401 bodies, #14 item 9)', () => {
  it('refuses an HS256 token without iss or without aud', async () => {
    for (const claims of [
      { sub: 'x', role: 'admin', aud: ISS },
      { sub: 'x', role: 'admin', iss: ISS },
    ]) {
      const response = await fixture.app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { authorization: `Bearer ${signed(claims)}` },
        payload: { query: KINDS },
      });
      expect(response.statusCode, JSON.stringify(claims)).toBe(401);
    }
    const both = signed({ sub: 'x', role: 'admin', iss: ISS, aud: ISS });
    expect(
      (
        await fixture.app.inject({
          method: 'POST',
          url: '/graphql',
          headers: { authorization: `Bearer ${both}` },
          payload: { query: KINDS },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('refuses an RS256 token without aud or iss (an identity provider’s token for another client)', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const key = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const app = await buildApp({
      config: loadConfig({ NODE_ENV: 'test', AUTH_ALGORITHM: 'RS256', AUTH_PUBLIC_KEY: pem }),
      neo4j: inject('neo4j'),
    });
    try {
      const ask = (token: string) =>
        app.inject({ method: 'POST', url: '/graphql', headers: { authorization: `Bearer ${token}` }, payload: { query: KINDS } });
      expect((await ask(signed({ sub: 'x', role: 'admin', iss: ISS }, key, 'RS256'))).statusCode).toBe(401);
      expect((await ask(signed({ sub: 'x', role: 'admin', aud: ISS }, key, 'RS256'))).statusCode).toBe(401);
      expect((await ask(signed({ sub: 'x', role: 'admin', iss: ISS, aud: ISS }, key, 'RS256'))).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('refuses a token issued in the future', async () => {
    const token = signed({ sub: 'x', role: 'admin', iss: ISS, aud: ISS, iat: now() + 3600, exp: now() + 7200 });
    const response = await fixture.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { authorization: `Bearer ${token}` },
      payload: { query: KINDS },
    });
    expect(response.statusCode).toBe(401);
  });

  it('a 401 does not say which check failed', async () => {
    const cases = [
      signed({ sub: 'x', role: 'admin', iss: ISS, aud: ISS, exp: now() - 10 }),
      signed({ sub: 'x', role: 'admin', iss: 'someone-else', aud: ISS }),
      signed({ sub: 'x', role: 'admin', iss: ISS, aud: ISS }, 'a-guessed-secret-a-guessed-secret-a-guessed'),
    ];
    const messages = new Set<string>();
    for (const token of cases) {
      const response = await fixture.app.inject({ url: '/export/coverage.csv?area=x', headers: { authorization: `Bearer ${token}` } });
      expect(response.statusCode).toBe(401);
      const { message } = response.json().error;
      expect(message).not.toMatch(/expired|iss|aud|signature|claim/i);
      messages.add(message);
    }
    expect(messages.size).toBe(1);
  });

  it('a token without "Bearer " is told how to send it (#14 item 9)', async () => {
    const response = await fixture.app.inject({ url: '/export/coverage.csv?area=x', headers: { authorization: tokenFor(ADMIN) } });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.message).toContain("use 'Authorization: Bearer <token>'");
  });

  it('rate-limits failed sign-ins per address, not the next address (L2)', async () => {
    const app = await buildTestApp({ AUTH_FAILURES_PER_MINUTE: '5' });
    try {
      const bad = (remoteAddress: string) =>
        app.inject({ url: '/health', remoteAddress, headers: { authorization: 'Bearer not-a-token' } });
      const statuses: number[] = [];
      for (let i = 0; i < 7; i += 1) statuses.push((await bad('10.0.0.1')).statusCode);
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.slice(5)).toEqual([429, 429]);
      const limited = await bad('10.0.0.1');
      expect(limited.json()).toEqual({ error: { code: 'RATE_LIMITED', message: expect.any(String) } });
      expect((await bad('10.0.0.2')).statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });

  it('refuses an AUTH_SECRET_FILE shorter than 32 bytes (L5)', async () => {
    const file = join(scratch, 'short-secret');
    writeFileSync(file, 'a\n', { mode: 0o600 });
    expect(() => localSecretOf(loadConfig({ NODE_ENV: 'test', AUTH_SECRET_FILE: file }))).toThrow(/AUTH_SECRET_FILE.*at least 32/);
    await expect(buildApp({ config: loadConfig({ NODE_ENV: 'test', AUTH_SECRET_FILE: file }), neo4j: inject('neo4j') })).rejects.toThrow(
      /at least 32/,
    );
  });
});

describe('Host allow-list (M5: DNS rebinding)', () => {
  it('in demo mode answers only loopback names on its own port', async () => {
    const app = await buildTestApp({ AUTH_DEMO: 'true', PORT: '4103' });
    try {
      const me = (host: string, url = '/graphql?query=%7B%20me%20%7B%20role%20%7D%20%7D') => app.inject({ url, headers: { host } });
      for (const host of ['attacker.example:4103', 'attacker.example', '127.0.0.1:9999', 'localhost']) {
        const refused = await me(host);
        expect(refused.statusCode, host).toBe(421);
        expect(refused.body).not.toContain('auditor');
      }
      expect((await me('attacker.example:4103', '/export/history.csv?area=x')).statusCode).toBe(421);
      for (const host of ['127.0.0.1:4103', 'localhost:4103', '[::1]:4103']) {
        const served = await me(host);
        expect(served.statusCode, host).toBe(200);
        expect(served.json()).toEqual({ data: { me: { role: 'auditor' } } });
      }
    } finally {
      await app.close();
    }
  });

  it('with ALLOWED_HOSTS set, answers only those names', async () => {
    const app = await buildTestApp({ ALLOWED_HOSTS: 'graph.example.gov.cn, graph.example.gov.cn:8443' });
    try {
      const health = (host: string) => app.inject({ url: '/health', headers: { host } });
      expect((await health('graph.example.gov.cn')).statusCode).toBe(200);
      expect((await health('graph.example.gov.cn:8443')).statusCode).toBe(200);
      const refused = await health('evil.example');
      expect(refused.statusCode).toBe(421);
      expect(refused.json()).toEqual({ error: { code: 'MISDIRECTED_REQUEST', message: expect.stringContaining('evil.example') } });
    } finally {
      await app.close();
    }
  });

  it('keys demo callers by address, not one shared key', async () => {
    const app = await buildTestApp({ AUTH_DEMO: 'true', PORT: '4103', RATE_LIMIT_MAX: '3' });
    try {
      const ask = (remoteAddress: string) =>
        app.inject({ url: '/graphql?query=%7B%20me%20%7B%20role%20%7D%20%7D', remoteAddress, headers: { host: 'localhost:4103' } });
      const first = [];
      for (let i = 0; i < 4; i += 1) first.push((await ask('10.1.0.1')).statusCode);
      expect(first).toEqual([200, 200, 200, 429]);
      expect((await ask('10.1.0.2')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('the viewer role and the change log’s actors (L1)', () => {
  it('refuses changes(actor:) to a role that cannot read actors; an auditor may filter', async () => {
    const viewer = await gql(fixture.app, '{ changes(actor: "本地admin") { totalCount } }', {}, { role: 'viewer' });
    expect(viewer.data).toBeFalsy();
    expect(viewer.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'actor' });
    const auditor = await gql(fixture.app, '{ changes(actor: "本地admin") { totalCount } }', {}, { role: 'auditor' });
    expect(auditor.errors).toBeUndefined();
    const unfiltered = await gql(fixture.app, '{ changes(first: 1) { totalCount } }', {}, { role: 'viewer' });
    expect(unfiltered.errors).toBeUndefined();
  });
});

describe('production and REST answers (L6 and info items)', () => {
  it('does not serve the GraphiQL bundle in production', async () => {
    const dev = await buildTestApp();
    const prod = await buildApp({ config: loadConfig({ NODE_ENV: 'production', AUTH_SECRET: TEST_SECRET }), neo4j: inject('neo4j') });
    try {
      // The development app serves it: the built viewer is there, so a 404 in production means something.
      expect((await dev.inject('/graphiql/index.html')).statusCode).toBe(200);
      expect((await prod.inject('/graphiql/index.html')).statusCode).toBe(404);
      expect((await prod.inject('/graphiql')).statusCode).toBe(404);
    } finally {
      await dev.close();
      await prod.close();
    }
  });

  it('answers 404 in the REST error shape', async () => {
    const response = await fixture.app.inject('/no/such/route');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringContaining('/no/such/route') } });
  });

  it('answers 409, not 503, when a REST route meets a constraint violation', async () => {
    const app = await buildTestApp();
    try {
      // A route of this test's own, registered the way the product's are, that trips a real constraint.
      app.get('/test-constraint', { config: { permission: 'public' } }, async () => {
        await app.neo4j.executeQuery(
          'CREATE (:Entity {id: $id}) CREATE (:Entity {id: $id})',
          { id: 'sd-dup-village' },
          { database: app.store.database },
        );
        return { ok: true };
      });
      const response = await app.inject('/test-constraint');
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ error: { code: 'CONFLICT' } });
    } finally {
      await app.close();
    }
  });

  it('closes a connection whose body never finishes (slow body) within the request timeout', async () => {
    const app = await buildTestApp({ REQUEST_TIMEOUT_MS: '1000' });
    try {
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = new URL(address);
      const started = performance.now();
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1');
        let received = '';
        socket.on('data', (chunk) => {
          received += chunk.toString();
        });
        socket.on('close', () => resolve(received));
        // The server answers 408 and closes while the drip is still writing: a reset after the answer is
        // that write meeting the closed socket, not a failure.
        socket.on('error', (error) => (received ? resolve(received) : reject(error)));
        socket.write(
          `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${tokenFor(ADMIN)}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"query":`,
        );
        // Dribble a byte a second: an idle timeout alone would never fire.
        const drip = setInterval(() => socket.writable && socket.write(' '), 500);
        socket.on('close', () => clearInterval(drip));
      });
      const seconds = (performance.now() - started) / 1000;
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      expect(seconds).toBeLessThan(10);
    } finally {
      await app.close();
    }
  });
});
