/**
 * Failed sign-ins are limited per address (security review L2): a request with a bad bearer token
 * counts, and past AUTH_FAILURES_PER_MINUTE the address is answered 429 before any token is checked.
 * The WebSocket of live updates signs in too, with the token in connection_init's payload
 * (server/live/changes-committed.ts): its failures must count against the same address, and a limited
 * address must not sign in there either. Otherwise the socket is a door for unbounded token guesses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, tokenFor } from '../helpers/app.ts';

let app: TestApp;
let url = '';

beforeAll(async () => {
  app = await buildTestApp({ AUTH_FAILURES_PER_MINUTE: '3' });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  url = `${address.replace('http', 'ws')}/graphql`;
});
afterAll(async () => {
  await app.close();
});

/** Opens a graphql-transport-ws socket, sends connection_init with `payload`; whether it was acknowledged. */
function signInOverSocket(payload: Record<string, unknown>): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, 'graphql-transport-ws');
    let acknowledged = false;
    const timer = setTimeout(() => reject(new Error('the socket neither answered nor closed in 20 s')), 20_000);
    ws.addEventListener('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload })));
    ws.addEventListener('message', (event) => {
      if ((JSON.parse(String(event.data)) as { type: string }).type === 'connection_ack') {
        acknowledged = true;
        ws.close();
      }
    });
    ws.addEventListener('close', () => {
      clearTimeout(timer);
      resolve(acknowledged);
    });
  });
}

describe('sign-in over the live-updates WebSocket', () => {
  it('accepts a good token (the control)', async () => {
    expect(await signInOverSocket({ authorization: `Bearer ${tokenFor({ role: 'viewer' })}` })).toBe(true);
  });

  it('counts bad tokens against the address, as a request’s Authorization header does', async () => {
    for (let i = 0; i < 3; i += 1) expect(await signInOverSocket({ authorization: `Bearer not-a-token-${i}` })).toBe(false);
    // The address (127.0.0.1) has used its failures: a request with a bad token is now limited…
    const request = await app.inject({ url: '/health', remoteAddress: '127.0.0.1', headers: { authorization: 'Bearer not-a-token' } });
    expect(request.statusCode).toBe(429);
    // …and so is the socket, even with a good token (no token is checked while the address is limited).
    expect(await signInOverSocket({ authorization: `Bearer ${tokenFor({ role: 'viewer' })}` })).toBe(false);
  });
});
