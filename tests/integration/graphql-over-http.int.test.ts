/**
 * The GraphQL-over-HTTP spec (#14 item 8): the `graphql-http` package's server audits run against the
 * app listening on 127.0.0.1, signed in (every request carries a bearer token, added by a fetch
 * wrapper). No MUST may fail and no SHOULD may warn; the counts are printed. The MAY audits are
 * choices, counted only.
 */
import type { AddressInfo } from 'node:net';
import { type AuditResult, serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeaders, buildTestApp, type TestApp } from '../helpers/app.ts';

let app: TestApp;
let url = '';

/** fetch with the admin's bearer token added to whatever headers the audit sends. */
const signedFetch: typeof fetch = (input, init = {}) => {
  const headers = new Headers(init.headers);
  for (const [name, value] of Object.entries(authHeaders())) headers.set(name, value);
  return fetch(input, { ...init, headers });
};

beforeAll(async () => {
  app = await buildTestApp({ QUERY_TIMEOUT_MS: '60000' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/graphql`;
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('GraphQL over HTTP (graphql-http server audits)', () => {
  it('has no MUST failure and no SHOULD warning', async () => {
    const results: AuditResult[] = [];
    for (const audit of serverAudits({ url, fetchFn: signedFetch })) results.push(await audit.fn());
    const failed = results.filter((r): r is Exclude<AuditResult, { status: 'ok' }> => r.status !== 'ok');
    const count = (level: string, status: string) => results.filter((r) => r.name.startsWith(level) && r.status === status).length;
    const mustFailures = count('MUST', 'error');
    const shouldWarnings = count('SHOULD', 'warn');
    const mayNotices = count('MAY', 'notice');
    console.info(
      `graphql-http audit: ${results.length} audits, ${results.length - failed.length} ok, ` +
        `${mustFailures} MUST failures, ${shouldWarnings} SHOULD warnings, ${mayNotices} MAY notices`,
    );
    const report = await Promise.all(
      failed.map(async (r) => {
        const body = r.response ? await r.response.text().catch(() => '') : '';
        return `${r.status} ${r.name}: ${r.reason} [${r.response?.status}] ${body.slice(0, 300)}`;
      }),
    );
    if (report.length) console.info(report.join('\n'));
    expect(results.length).toBeGreaterThan(50);
    // A MAY we take: a mutation over GET is 405 Method Not Allowed.
    expect(results.find((r) => r.name === 'MAY NOT allow executing mutations on GET requests')?.status).toBe('ok');
    expect({ mustFailures, shouldWarnings, failures: report.filter((line) => !line.startsWith('notice ')) }).toEqual({
      mustFailures: 0,
      shouldWarnings: 0,
      failures: [],
    });
  }, 120_000);

  it('keeps the legacy application/json answer: 200 with data null and the errors', async () => {
    const response = await signedFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: '{', extensions: null }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { data: unknown; errors: { extensions: { code: string } }[] };
    expect(body.data).toBeNull();
    expect(body.errors[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('answers a refused request with its status and no data under application/graphql-response+json', async () => {
    const response = await signedFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ search(text: "x", first: 0) { __typename } nope }' }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).not.toHaveProperty('data');
    expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining('nope') })]));
  });
});
