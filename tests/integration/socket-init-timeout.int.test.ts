/**
 * The live-updates WebSocket may be opened unsigned (a token can only travel in connection_init), so
 * a socket that never sends connection_init must not be held open: Mercurius has no initialisation
 * timeout of its own, and an upgraded socket is under no HTTP timeout (security review L10 bounded
 * slow HTTP requests only). The server must close it after its initialisation timeout.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, tokenFor } from '../helpers/app.ts';

let app: TestApp | undefined;
afterAll(async () => {
  await app?.close();
});

describe('a live-updates socket that never signs in', () => {
  it('is closed by the server after the initialisation timeout', async () => {
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
    expect(code, 'closed by the server within 30 s').not.toBeNull();
    expect(Date.now() - started).toBeLessThan(30_000);

    // A socket that signs in stays open past the timeout.
    const signed = new WebSocket(`${address.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    let closedEarly = false;
    signed.addEventListener('close', () => {
      closedEarly = true;
    });
    signed.addEventListener('open', () =>
      signed.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${tokenFor({ role: 'viewer' })}` } })),
    );
    const acknowledged = await new Promise<boolean>((resolve) => {
      signed.addEventListener('message', (event) =>
        resolve((JSON.parse(String(event.data)) as { type: string }).type === 'connection_ack'),
      );
      signed.addEventListener('close', () => resolve(false));
    });
    expect(acknowledged).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 13_000));
    expect(closedEarly, 'a signed-in socket is not closed by the timeout').toBe(false);
    signed.close();
  }, 90_000);
});
