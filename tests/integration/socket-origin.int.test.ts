/**
 * The live-updates WebSocket (#19, added after the security review) and pages of other origins.
 * WebSockets are not covered by CORS: a page of any origin may open one, and its browser sends the
 * cookies of the target (a SameSite=Strict session cookie too, from a page of the same site: another
 * port of the same host, a sibling subdomain). In demo mode no cookie is even needed (M5's Host check
 * passes: the Host is the server's own). So a socket signed in by the session cookie or by the demo
 * mode must come from the server's own pages (Origin) or an origin of CORS_ORIGINS, the same rule as
 * cross-site HTTP calls; otherwise any page the user opens reads the change feed as them.
 * A client that sends no Origin (not a browser) holds no one's ambient credentials and is unaffected.
 */

import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../db/free-port.ts';
import { createAccount, removeAccounts, signInAs } from '../helpers/accounts.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { testDriver } from '../helpers/neo4j.ts';

const { driver, database } = testDriver();
const PASSWORD = 'saffron-glacier-meadow-62';
const apps: TestApp[] = [];
afterAll(async () => {
  await removeAccounts(driver, database);
  for (const app of apps) await app.close();
  await driver.close();
});

/** A listening app on a port of its own (demo mode answers only its own port). */
async function listening(env: Record<string, string>) {
  const port = await freePort();
  const app = await buildTestApp({ PORT: String(port), ...env });
  apps.push(app);
  await app.listen({ port, host: '127.0.0.1' });
  return { app, url: `ws://127.0.0.1:${port}/graphql`, own: `http://127.0.0.1:${port}` };
}

/** Opens a graphql-transport-ws socket with these handshake headers; whether connection_init was acknowledged. */
function acknowledged(url: string, headers: Record<string, string>): Promise<boolean> {
  return new Promise((resolve, reject) => {
    // Node's WebSocket (undici) takes handshake headers, as a browser sets Origin and Cookie itself.
    const ws = new WebSocket(url, { protocols: ['graphql-transport-ws'], headers } as unknown as string[]);
    let ack = false;
    const timer = setTimeout(() => reject(new Error('the socket neither answered nor closed in 20 s')), 20_000);
    ws.addEventListener('open', () => ws.send(JSON.stringify({ type: 'connection_init' })));
    ws.addEventListener('message', (event) => {
      if ((JSON.parse(String(event.data)) as { type: string }).type === 'connection_ack') {
        ack = true;
        ws.close();
      }
    });
    ws.addEventListener('close', () => {
      clearTimeout(timer);
      resolve(ack);
    });
    ws.addEventListener('error', () => undefined);
  });
}

describe('a socket signed in by ambient credentials, opened by a page of another origin', () => {
  it('is refused in demo mode; the server’s own pages and non-browser clients are served', async () => {
    const { url, own } = await listening({ AUTH_DEMO: 'true' });
    expect(await acknowledged(url, { origin: own }), 'own origin').toBe(true);
    expect(await acknowledged(url, {}), 'no Origin').toBe(true);
    for (const origin of ['http://evil.example', 'http://127.0.0.1:8080', 'http://localhost:3000', 'null']) {
      expect(await acknowledged(url, { origin }), origin).toBe(false);
    }
  });

  it('is refused with a session cookie; an origin of CORS_ORIGINS is served like the server’s own', async () => {
    const { app, url, own } = await listening({ CORS_ORIGINS: 'https://planner.example' });
    await removeAccounts(driver, database);
    await createAccount(app, 'sko-viewer', 'viewer', PASSWORD);
    const session = await signInAs(app, 'sko-viewer', PASSWORD);
    expect(session.status).toBe(200);
    const cookie = `pg_session=${session.cookie}`;
    expect(await acknowledged(url, { cookie, origin: own }), 'own origin').toBe(true);
    expect(await acknowledged(url, { cookie, origin: 'https://planner.example' }), 'CORS origin').toBe(true);
    // A sibling app on another port of the same host is the same site: the Strict cookie goes along.
    for (const origin of ['http://127.0.0.1:8080', 'http://evil.example']) {
      expect(await acknowledged(url, { cookie, origin }), origin).toBe(false);
    }
  });
});
