/**
 * A WebSocket upgrade refused before it reaches the socket route (a bad token: 401; a foreign Host in
 * demo mode: 421, security review M5) must not leave its connection open. Node hands an upgrade's
 * socket over to the WebSocket plugin and no HTTP timeout applies to it any more (security review L10
 * bounded slow bodies by those timeouts); @fastify/websocket closes the socket after an answer only
 * when its own hook has run, which an earlier refusal skips. Held open, each refused upgrade is a file
 * descriptor anyone could keep, without signing in.
 */

import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../db/free-port.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';

const apps: TestApp[] = [];
afterAll(async () => {
  for (const app of apps) {
    app.server.closeAllConnections();
    await app.close();
  }
});

/** Sends a WebSocket upgrade by hand; the status line, and whether the server closed the connection within 10 s. */
function upgrade(port: number, host: string, extraHeaders = ''): Promise<{ status: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ status: data.split('\r\n')[0] ?? '', closed });
    };
    const timer = setTimeout(() => finish(false), 10_000);
    socket.on('data', (chunk) => {
      data += chunk.toString();
    });
    socket.on('close', () => finish(true));
    socket.on('error', () => undefined);
    socket.write(
      `GET /graphql HTTP/1.1\r\nHost: ${host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n` +
        `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n${extraHeaders}\r\n`,
    );
  });
}

describe('a refused WebSocket upgrade', () => {
  it('is answered and its connection closed: a bad token (401), a foreign Host in demo mode (421)', async () => {
    const port = await freePort();
    const app = await buildTestApp({ AUTH_DEMO: 'true', PORT: String(port) });
    apps.push(app);
    await app.listen({ port, host: '127.0.0.1' });
    const badToken = await upgrade(port, `127.0.0.1:${port}`, 'Authorization: Bearer not-a-token\r\n');
    expect(badToken).toEqual({ status: 'HTTP/1.1 401 Unauthorized', closed: true });
    const foreignHost = await upgrade(port, 'attacker.example');
    expect(foreignHost).toEqual({ status: 'HTTP/1.1 421 Misdirected Request', closed: true });
  });
});
