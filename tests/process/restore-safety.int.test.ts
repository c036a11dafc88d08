/**
 * Issue 14, item 1: a restore never destroys before it has verified. A missing, garbage, truncated or
 * altered file is refused with the graph's content hash unchanged and no safety backup taken; a
 * restore killed (SIGKILL) while it writes leaves the old graph or the new one, never a mix; a
 * restore that completes gives the file's graph and names the safety backup of the one it replaced.
 *
 * The old graph is the run's (documented data and whatever earlier files left); the new one adds a
 * tiny synthetic graph and a fixture, so the two differ by thousands of records. The run's graph is
 * restored at the end.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backup, RestoreRefused, restore } from '../../data/exchange/backup.ts';
import { clearSynthetic, loadSynthetic } from '../../data/synthetic/load-synthetic.ts';
import { cypher } from '../../graph/cypher-queries.ts';
import { GraphStore } from '../../graph/graph-store.ts';
import { loadFixture, removeFixture } from '../helpers/fixture.ts';
import { graphHash } from '../helpers/graph-hash.ts';
import { testDriver, testNeo4jEnv } from '../helpers/neo4j.ts';

const P = 'rsafe';
const SYNTHETIC = { seed: 77, scale: 'tiny' } as const;
const { driver, database } = testDriver();
let dir: string;
let safetyDir: string;
let oldFile: string;
let newFile: string;
let oldHash: string;
let newHash: string;

const ROOT = new URL('../../', import.meta.url).pathname;

/** Runs restore-cli as a child process against the test Neo4j. */
function restoreCli(args: string[]): { child: ChildProcess; stderr: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'data/exchange/restore-cli.ts', ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...testNeo4jEnv(),
      BACKUP_DIR: safetyDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  child.stdout!.resume();
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stderr: () => stderr, exit };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'restore-safety-'));
  safetyDir = join(dir, 'safety');
  // The hierarchy lock node is bookkeeping a completed restore creates; made first so hashes compare graphs.
  await driver.executeQuery(cypher('mutation/lock-hierarchy'), {}, { database });
  oldHash = await graphHash(driver, database);
  oldFile = join(dir, 'old.json.gz');
  await backup(GraphStore.forLoads(driver, database), oldFile);

  await loadSynthetic(GraphStore.forLoads(driver, database), SYNTHETIC);
  await loadFixture(driver, database, P);
  newHash = await graphHash(driver, database);
  newFile = join(dir, 'new.json.gz');
  await backup(GraphStore.forLoads(driver, database), newFile);
  await removeFixture(driver, database, P);
  await clearSynthetic(GraphStore.forLoads(driver, database), 'syn-t77-');
  expect(await graphHash(driver, database)).toBe(oldHash);
  expect(newHash).not.toBe(oldHash);
}, 300_000);

afterAll(async () => {
  // Whatever happened above, the run's graph goes back as it was.
  if (oldFile && (await graphHash(driver, database)) !== oldHash)
    await restore(GraphStore.forLoads(driver, database), oldFile, { force: true, safetyDir });
  await driver.close();
  rmSync(dir, { recursive: true, force: true });
}, 300_000);

describe('restore refuses a bad file before it touches the graph', () => {
  const cases: [string, () => string][] = [
    ['a missing file', () => join(dir, 'no-such-backup.json.gz')],
    [
      'a garbage file',
      () => {
        const path = join(dir, 'garbage.json.gz');
        writeFileSync(path, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
        return path;
      },
    ],
    [
      'a truncated gzip file',
      () => {
        const bytes = readFileSync(newFile);
        const path = join(dir, 'truncated.json.gz');
        writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
        return path;
      },
    ],
    [
      'a file cut after a whole line in the middle of the nodes',
      () => {
        const lines = gunzipSync(readFileSync(newFile)).toString('utf8').split('\n');
        const path = join(dir, 'cut.json');
        writeFileSync(path, `${lines.slice(0, Math.floor(lines.length / 3)).join('\n')}\n`);
        return path;
      },
    ],
    [
      'a file whose records do not give the hash it carries',
      () => {
        const lines = gunzipSync(readFileSync(newFile)).toString('utf8').split('\n');
        const at = lines.findIndex((line) => line.startsWith(`{"id":"${P}-v1",`));
        const record = JSON.parse(lines[at]!.replace(/,$/, ''));
        record.props.name = '被改过的村';
        lines[at] = `${JSON.stringify(record)},`;
        const path = join(dir, 'altered.json.gz');
        writeFileSync(path, gzipSync(lines.join('\n')));
        return path;
      },
    ],
    [
      'a file with a record of an unknown kind',
      () => {
        const text = gunzipSync(readFileSync(newFile)).toString('utf8');
        const path = join(dir, 'bad-kind.json');
        writeFileSync(path, text.replace('"kind":"Village"', '"kind":"Castle"'));
        return path;
      },
    ],
  ];

  for (const [what, make] of cases) {
    it(`${what}: refused, the graph's content hash unchanged, no safety backup`, async () => {
      const path = make();
      const error = await restore(GraphStore.forLoads(driver, database), path, { force: true, safetyDir }).catch((e: Error) => e);
      expect(error).toBeInstanceOf(RestoreRefused);
      expect((error as Error).message).toContain(path);
      expect(await graphHash(driver, database)).toBe(oldHash);
      expect(readdirSafe(safetyDir)).toEqual([]);
    });
  }

  it('from the command line too: exit 1, one line naming the file, the graph unchanged', async () => {
    const run = restoreCli([join(dir, 'no-such-backup.json.gz'), '--force']);
    expect(await run.exit).toBe(1);
    const lines = run.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^restore: .*no-such-backup\.json\.gz: no such file$/);
    expect(await graphHash(driver, database)).toBe(oldHash);
  });
});

function readdirSafe(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

describe('a restore killed while it writes', () => {
  it('leaves the old graph or the new one, never a mix; a restore run to the end gives the new one', async () => {
    const run = restoreCli([newFile, '--force', '--batch-size', '50']);
    // Killed once it has written nodes and started on the relationships: half-way through the load.
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (/relationships: \d+/.test(run.stderr())) {
          clearInterval(timer);
          run.child.kill('SIGKILL');
          resolve();
        }
      }, 5);
      run.exit.then(() => {
        clearInterval(timer);
        reject(new Error(`the restore ended before it could be killed:\n${run.stderr()}`));
      });
    });
    expect(await run.exit).toBe(null);
    expect(run.stderr()).toMatch(/safety backup of the \d+ nodes held: .*before-restore-/);
    const afterKill = await graphHash(driver, database);
    expect([oldHash, newHash]).toContain(afterKill);
    // Killed before it committed: the old graph.
    expect(afterKill).toBe(oldHash);

    const full = restoreCli([newFile, '--force']);
    expect(await full.exit, full.stderr()).toBe(0);
    expect(await graphHash(driver, database)).toBe(newHash);

    // Back to the old graph, from the safety backup the last restore took of it.
    const safety = readdirSafe(safetyDir).sort();
    expect(safety.length).toBe(2);
    await restore(GraphStore.forLoads(driver, database), join(safetyDir, safety[1]!), { force: true, safetyDir });
    expect(await graphHash(driver, database)).toBe(oldHash);
  }, 300_000);
});
