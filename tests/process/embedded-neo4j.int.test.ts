/**
 * The embedded Neo4j keeps what was committed: across a clean restart, and across a kill -9 followed
 * by a start (Neo4j's recovery replays the transaction log). Also: it never outlives its parent.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';
import { type EmbeddedNeo4j, startEmbeddedNeo4j } from '../../db/embedded-neo4j.ts';

const PORT = Number(process.env.NEO4J_SCRATCH_BOLT_PORT ?? 7689 + (process.pid % 200));
const home = mkdtempSync(join(tmpdir(), 'partygraph-embedded-'));
const password = 'scratch-password-1';

const start = () => startEmbeddedNeo4j({ port: PORT, homeDir: home, password, heap: '512m', pageCache: '64m' });

async function withDriver<T>(db: EmbeddedNeo4j, work: (session: neo4j.Session) => Promise<T>): Promise<T> {
  const driver = neo4j.driver(db.uri, neo4j.auth.basic('neo4j', password), { disableLosslessIntegers: true });
  const session = driver.session();
  try {
    return await work(session);
  } finally {
    await session.close();
    await driver.close();
  }
}

const countMarks = (db: EmbeddedNeo4j) =>
  withDriver(db, async (s) => {
    const result = await s.executeRead((tx) => tx.run('MATCH (m:DurabilityMark) RETURN m.n AS n ORDER BY n'));
    return result.records.map((r) => r.get('n') as number);
  });

const writeMarks = (db: EmbeddedNeo4j, from: number, to: number) =>
  withDriver(db, (s) => s.executeWrite((tx) => tx.run('UNWIND range($from, $to) AS n CREATE (:DurabilityMark {n: n})', { from, to })));

afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('embedded Neo4j durability', () => {
  it('reads back a committed write, after a restart, and after kill -9', async () => {
    let db = await start();
    expect(db.uri).toBe(`bolt://127.0.0.1:${PORT}`);
    await writeMarks(db, 1, 3);
    expect(await countMarks(db)).toEqual([1, 2, 3]);

    await db.stop();
    db = await start();
    expect(await countMarks(db)).toEqual([1, 2, 3]);

    await writeMarks(db, 4, 5);
    await db.kill(); // SIGKILL: no shutdown hook, no checkpoint
    db = await start();
    expect(await countMarks(db)).toEqual([1, 2, 3, 4, 5]);
    await db.stop();
  });

  it('sets the password from the environment and refuses any other', async () => {
    const db = await start();
    try {
      await expect(withDriver(db, (s) => s.run('RETURN 1'))).resolves.toBeDefined();
      const wrong = neo4j.driver(db.uri, neo4j.auth.basic('neo4j', 'not-the-password'));
      await expect(wrong.verifyConnectivity()).rejects.toThrow(/authentication|unauthorized/i);
      await wrong.close();
    } finally {
      await db.stop();
    }
  });

  it('stops when the Node process that started it is killed with SIGKILL (no orphan java)', async () => {
    const script = `
      import { startEmbeddedNeo4j } from './db/embedded-neo4j.ts';
      const db = await startEmbeddedNeo4j({ port: ${PORT}, homeDir: ${JSON.stringify(home)}, password: '${password}', heap: '512m', pageCache: '64m' });
      console.log('JAVA_PID ' + db.pid);
      setInterval(() => {}, 1000);
    `;
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const javaPid = await new Promise<number>((resolve, reject) => {
      parent.stdout.on('data', (chunk: Buffer) => {
        const match = /JAVA_PID (\d+)/.exec(chunk.toString());
        if (match) resolve(Number(match[1]));
      });
      parent.once('exit', (code) => reject(new Error(`parent exited early (${code})`)));
    });
    expect(isAlive(javaPid)).toBe(true);
    parent.kill('SIGKILL');
    const deadline = Date.now() + 60_000;
    while (isAlive(javaPid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(isAlive(javaPid)).toBe(false);
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
