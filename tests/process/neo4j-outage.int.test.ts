/**
 * Neo4j going away: the API answers SERVICE_UNAVAILABLE (no stack, no Neo.* code) and /ready turns
 * 503, quickly; when Neo4j comes back on the same address, both recover without restarting the server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type EmbeddedNeo4j, startEmbeddedNeo4j } from '../../db/embedded-neo4j.ts';
import { buildApp } from '../../server/app.ts';
import { authHeaders, testConfig } from '../helpers/app.ts';

const home = mkdtempSync(join(tmpdir(), 'partygraph-outage-'));
const port = 7900 + (process.pid % 300);
const password = 'outage-password-1';
const start = () => startEmbeddedNeo4j({ port, homeDir: home, password, heap: '512m', pageCache: '64m' });
let db: EmbeddedNeo4j | undefined;

afterAll(async () => {
  await db?.stop();
  rmSync(home, { recursive: true, force: true });
});

describe('Neo4j outage', () => {
  it('answers SERVICE_UNAVAILABLE and 503 while Neo4j is down, and recovers by itself', async () => {
    db = await start();
    const app = await buildApp({
      config: testConfig(),
      neo4j: { uri: db.uri, user: 'neo4j', password, database: 'neo4j' },
    });
    try {
      const ask = () =>
        app.inject({ method: 'POST', url: '/graphql', headers: authHeaders(), payload: { query: '{ kinds { name count } }' } });
      expect((await app.inject('/ready')).statusCode).toBe(200);
      expect((await ask()).json().errors).toBeUndefined();

      await db.kill();
      const started = performance.now();
      const down = (await ask()).json();
      const seconds = (performance.now() - started) / 1000;
      expect(down.errors[0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE' });
      expect(down.errors[0].message).not.toMatch(/Neo\.|at .*\.js/);
      expect((await app.inject('/ready')).statusCode).toBe(503);
      console.log(`[outage] SERVICE_UNAVAILABLE answered in ${seconds.toFixed(2)} s`);

      db = await start();
      expect((await app.inject('/ready')).statusCode).toBe(200);
      expect((await ask()).json().errors).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});
