/**
 * Issue 14, item 7 (and 6): every command has --help, answers a bad argument with one line on stderr
 * and exit 2, a failure with one line and exit 1, and leaves nothing behind when it fails. The scripts
 * run as child processes, as npm runs them, against the run's Neo4j (NEO4J_URI).
 */

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { testNeo4jEnv } from '../helpers/neo4j.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
// The scripts run from a scratch directory (their outputs land there): tsx is given by its full address.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const dir = mkdtempSync(join(tmpdir(), 'cli-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COMMANDS: Record<string, string> = {
  token: 'server/auth/token-cli.ts',
  import: 'data/exchange/import-cli.ts',
  export: 'data/exchange/export-cli.ts',
  backup: 'data/exchange/backup-cli.ts',
  restore: 'data/exchange/restore-cli.ts',
  seed: 'data/seed.ts',
  'seed:check': 'data/check-seed.ts',
  summary: 'data/summary.ts',
  generate: 'data/synthetic/cli.ts',
  db: 'db/run.ts',
};

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, join(ROOT, COMMANDS[command]!), ...args], {
      cwd: dir,
      env: {
        ...process.env,
        ...testNeo4jEnv(),
        BACKUP_DIR: join(dir, 'backups'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** One line on stderr, naming the command, and no stack frame. */
function expectOneLine(result: Run, command: string, pattern: RegExp) {
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^${command}: `));
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('every command', () => {
  for (const command of Object.keys(COMMANDS)) {
    it(`${command}: --help prints its usage (exit 0); an unknown option is one line, exit 2`, async () => {
      const help = await run(command, ['--help']);
      expect(help.code, help.stderr).toBe(0);
      expect(help.stdout).toMatch(/^usage: npm run/);
      expect(help.stdout).toContain('--help');

      const bad = await run(command, ['--no-such-option']);
      expect(bad.code).toBe(2);
      expectOneLine(bad, command, /Unknown option '--no-such-option'.*--help/);
    });
  }
});

describe('usage errors and failures', () => {
  it('token --hours -1 and --hours=-1 are usage errors; an editor without a scope too', async () => {
    for (const args of [
      ['--role', 'viewer', '--hours', '-1'],
      ['--role', 'viewer', '--hours=-1'],
      ['--role', 'editor'],
      ['--role', 'king'],
    ]) {
      const result = await run('token', args);
      expect(result.code, args.join(' ')).toBe(2);
      expectOneLine(result, 'token', /--hours|--scope|--role/);
      expect(result.stdout).toBe('');
    }
  });

  it('import of a missing file: one line naming it, exit 1', async () => {
    const result = await run('import', ['missing.csv']);
    expect(result.code).toBe(1);
    expectOneLine(result, 'import', /missing\.csv: no such file/);
  });

  it('export --root with an unknown id: exit 2, and no file left behind', async () => {
    const result = await run('export', ['--root', 'no-such-entity']);
    expect(result.code).toBe(2);
    expectOneLine(result, 'export', /--root: no entity has id "no-such-entity"; nothing was written/);
    expect(readdirSync(dir).filter((f) => f.startsWith('graph') || f.endsWith('.partial'))).toEqual([]);
  });

  it('restore of a garbage file: one line, exit 1, no safety backup', async () => {
    const result = await run('restore', [join(ROOT, 'package.json'), '--force']);
    expect(result.code).toBe(1);
    expectOneLine(result, 'restore', /package\.json: not a readable backup/);
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });

  it('generate without --scale is a usage error listing the scales', async () => {
    const result = await run('generate', []);
    expect(result.code).toBe(2);
    expectOneLine(result, 'generate', /--scale is required: tiny, city, province/);
    const both = await run('generate', ['--remove', '--scale', 'city']);
    expect(both.code).toBe(2);
  });

  it('db while a Neo4j already listens on its port: says the port is in use, exit 1', async () => {
    const port = new URL(inject('neo4j').uri.replace(/^bolt/, 'http')).port;
    const result = await run('db', [], { NEO4J_BOLT_PORT: port, NEO4J_URI: '' });
    expect(result.code).toBe(1);
    expectOneLine(result, 'db', new RegExp(`port ${port} is in use`));
  });
});
