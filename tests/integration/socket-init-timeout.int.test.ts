/**
 * The live-updates WebSocket may be opened unsigned (a token can only travel in connection_init), so
 * a socket that never sends connection_init must not be held open: Mercurius has no initialisation
 * timeout of its own, and an upgraded socket is under no HTTP timeout (security review L10 bounded
 * slow HTTP requests only). graphql-transport-ws closes such a socket with 4408.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.ts';

let app: TestApp | undefined;
afterAll(async () => {
  await app?.close();
});

describe('a live-updates socket that never signs in', () => {
  it('is closed (4408) after the initialisation timeout', async () => {
    app = await buildTestApp();
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const started = Date.now();
    const ws = new WebSocket(`${address.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), 30_000);
      ws.addEventListener('close', (event) => {
        clearTimeout(timer);
        resolve(event.code);
      });
    });
    if (code === null) ws.close();
    expect(code, 'closed by the server within 30 s').toBe(4408);
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);
});
