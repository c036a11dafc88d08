/**
 * Graceful shutdown of the whole product as `npm start` runs it: on SIGTERM a request already in
 * flight finishes with its answer, new connections are refused, the driver closes, the embedded Neo4j
 * stops cleanly (its Bolt port closed) and the process exits 0. Prints how long the stop took.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../db/free-port.ts';
import { TEST_SECRET, tokenFor } from '../helpers/app.ts';

const home = mkdtempSync(join(tmpdir(), 'partygraph-shutdown-'));
let server: ChildProcess | undefined;

afterAll(() => {
  server?.kill('SIGKILL');
  rmSync(home, { recursive: true, force: true });
});

/** Whether something (the embedded Neo4j's Bolt connector) accepts connections on a port. */
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

describe('graceful shutdown', () => {
  it('finishes the request in flight, closes the driver, stops Neo4j and exits 0 on SIGTERM', async () => {
    const [port, boltPort] = [await freePort(), await freePort()];
    server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: String(port),
        NEO4J_URI: '',
        NEO4J_BOLT_PORT: String(boltPort),
        NEO4J_HOME_DIR: home,
        NEO4J_HEAP: '512m',
        AUTH_SECRET: TEST_SECRET,
        SEED_ON_START: 'false',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    server.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    server.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    const exited = new Promise<number | null>((resolve) => server?.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 150_000;
    while (!output.includes('ready: GraphQL')) {
      if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(await listening(boltPort)).toBe(true);

    // A request in flight: headers and half the body sent, the rest after SIGTERM.
    const body = JSON.stringify({ query: '{ me { role } kinds { name } }' });
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/graphql',
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            authorization: `Bearer ${tokenFor({ role: 'viewer' })}`,
          },
        },
        (res) => {
          let text = '';
          res.on('data', (c) => {
            text += c;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 1_000);
    });
    await new Promise((r) => setTimeout(r, 200));
    const stopAt = performance.now();
    server.kill('SIGTERM');

    const { status, text } = await answer;
    expect(status).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ data: { me: { role: 'viewer' } } });
    const code = await exited;
    const seconds = (performance.now() - stopAt) / 1000;
    console.log(
      `[shutdown] in-flight request answered ${status}; exit ${code} after ${seconds.toFixed(2)} s; Neo4j still listening: ${await listening(boltPort)}`,
    );
    expect(code).toBe(0);
    expect(output).toContain('finishing requests, then stopping Neo4j');
    expect(await listening(boltPort)).toBe(false);
    server = undefined;
  });
});
