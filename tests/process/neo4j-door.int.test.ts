/**
 * Neo4j's own door (#13 H4, L4, "nothing restarts the JVM"; #14 item 5), on an embedded Neo4j of this
 * file's own, started the way `npm start` starts it (config → resolveNeo4j): a random password kept in
 * a 0600 file, the documented default refused; no HTTP or WebSocket on the Bolt port, whatever the
 * Origin; the store private to its user; the JVM restarted after a SIGKILL while /ready says why; and
 * another store's id refused before the schema is applied.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../db/free-port.ts';
import { type Neo4jTarget, resolveNeo4j } from '../../db/resolve-neo4j.ts';
import { checkStoreIdentity } from '../../db/store-identity.ts';
import { loadConfig, neo4jOptionsOf } from '../../graph/config.ts';
import { buildApp } from '../../server/app.ts';
import { authHeaders, TEST_SECRET, testConfig } from '../helpers/app.ts';

const root = mkdtempSync(join(tmpdir(), 'partygraph-door-'));
let target: Neo4jTarget;
let port: number;

const settings = () => ({
  NODE_ENV: 'test',
  NEO4J_HOME_DIR: join(root, 'neo4j'),
  NEO4J_PASSWORD_FILE: join(root, 'neo4j-password'),
  NEO4J_BOLT_PORT: String(port),
  NEO4J_HEAP: '512m',
});

beforeAll(async () => {
  port = await freePort();
  target = await resolveNeo4j(neo4jOptionsOf(loadConfig(settings())));
});
afterAll(async () => {
  await target?.stop();
  rmSync(root, { recursive: true, force: true });
});

const canLogIn = async (password: string) => {
  const driver = neo4j.driver(`bolt://127.0.0.1:${port}`, neo4j.auth.basic('neo4j', password), { connectionTimeout: 5_000 });
  try {
    await driver.verifyConnectivity();
    return true;
  } catch (error) {
    if (!/authentication|unauthorized/i.test((error as Error).message)) throw error;
    return false;
  } finally {
    await driver.close();
  }
};

describe('the embedded Neo4j’s password', () => {
  it('is random, kept in a 0600 file, and the documented default does not log in on a fresh store', async () => {
    const file = join(root, 'neo4j-password');
    const password = readFileSync(file, 'utf8').trim();
    expect(password.length).toBeGreaterThanOrEqual(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(target.password).toBe(password);
    expect(await canLogIn('partygraph-local')).toBe(false);
    expect(await canLogIn(password)).toBe(true);
    // The next start reads the same file.
    expect(neo4jOptionsOf(loadConfig(settings())).password).toBe(password);
  });

  it('has no default, and the documented one is refused in production even when given', () => {
    expect(loadConfig({}).NEO4J_PASSWORD).toBeUndefined();
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_SECRET: TEST_SECRET, NEO4J_PASSWORD: 'partygraph-local' })).toThrow(
      /NEO4J_PASSWORD: the documented default/,
    );
    expect(loadConfig({ NODE_ENV: 'development', NEO4J_PASSWORD: 'partygraph-local' }).NEO4J_PASSWORD).toBe('partygraph-local');
  });
});

describe('the Bolt port', () => {
  it('refuses a WebSocket upgrade from a foreign Origin (and any HTTP)', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let received = '';
      socket.on('data', (chunk) => {
        received += chunk.toString('latin1');
      });
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
      socket.setTimeout(15_000, () => socket.destroy(new Error('no answer in 15 s')));
      socket.write(
        [
          'GET / HTTP/1.1',
          `Host: 127.0.0.1:${port}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
          'Sec-WebSocket-Version: 13',
          'Origin: http://evil.example',
          '',
          '',
        ].join('\r\n'),
      );
    });
    expect(answer).not.toMatch(/^HTTP\/1\.1 101/);
    expect(answer).toMatch(/^HTTP\/1\.1 403/);
  });
});

describe('the store on disk', () => {
  it('is private: folders 0700, files 0600, nothing readable by group or others', () => {
    const home = join(root, 'neo4j');
    expect(statSync(home).mode & 0o777).toBe(0o700);
    const open = execFileSync('find', [home, '-perm', '/o=rwx,g=rwx'], { encoding: 'utf8' }).trim();
    expect(open).toBe('');
  });
});

describe('another checkout’s store (#14 item 5)', () => {
  it('refuses a Neo4j that holds another store’s id, before applying the schema', async () => {
    const driver = neo4j.driver(target.uri, neo4j.auth.basic('neo4j', target.password));
    const constraints = async () =>
      (await driver.executeQuery('SHOW CONSTRAINTS YIELD name RETURN count(*) AS n')).records[0]?.get('n').toNumber();
    try {
      // The first checkout's start stamps the store.
      const first = join(root, 'first-store-id');
      const id = await checkStoreIdentity(driver, 'neo4j', target.uri, { file: first, adoptWhenMissing: false });
      expect(readFileSync(first, 'utf8').trim()).toBe(id);
      expect(await constraints()).toBe(0);

      // A second checkout (no id file yet, or its own id) is refused, and nothing is applied.
      const second = join(root, 'second-store-id');
      const start = (file: string) => buildApp({ config: testConfig(), neo4j: target, storeIdentity: { file, adoptWhenMissing: false } });
      await expect(start(second)).rejects.toThrow(/holds another store .*Nothing was changed/);
      expect(() => statSync(second)).toThrow();
      writeFileSync(second, 'a-different-store\n');
      await expect(start(second)).rejects.toThrow(/holds another store/);
      expect(await constraints()).toBe(0);

      // Its own checkout starts, and applies the schema.
      const app = await start(first);
      await app.close();
      expect(await constraints()).toBeGreaterThan(0);
    } finally {
      await driver.close();
    }
  });
});

describe('when the JVM dies', () => {
  it('restarts it; /ready says 503 with the reason meanwhile and 200 after', async () => {
    const app = await buildApp({ config: testConfig(), neo4j: target });
    try {
      expect((await app.inject('/ready')).statusCode).toBe(200);
      const before = target.pid!();
      process.kill(before, 'SIGKILL');
      // The driver may notice first (503, "down"); then the supervisor says why, until the JVM is back.
      let meanwhile: { statusCode: number; body: string } | undefined;
      // Generous: on the shared 2-core machine (load ~25) a JVM start has taken 100-140 s, and more.
      const deadline = Date.now() + 540_000;
      let ready = false;
      while (Date.now() < deadline) {
        const answer = await app.inject('/ready');
        if (answer.statusCode === 503 && answer.body.includes('restarting')) meanwhile = answer;
        if (answer.statusCode === 200 && meanwhile) {
          ready = true;
          break;
        }
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(meanwhile?.body).toMatch(/killed by SIGKILL/);
      expect(JSON.parse(meanwhile!.body)).toMatchObject({ status: 'unavailable', neo4j: 'restarting' });
      expect(ready).toBe(true);
      expect(target.pid!()).not.toBe(before);
      const answer = await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: authHeaders(),
        payload: { query: '{ kinds { name count } }' },
      });
      expect(answer.json().errors).toBeUndefined();
    } finally {
      await app.close();
    }
  }, 600_000);
});
