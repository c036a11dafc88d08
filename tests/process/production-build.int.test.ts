/**
 * The Docker image's final stage, without Docker: compile the TypeScript (`npm run compile`), lay the
 * files out exactly as the Dockerfile's final-stage COPY lines do (read from the Dockerfile, so the two
 * cannot drift), and start `node server/main.js` — compiled JavaScript, no tsx — in production mode
 * against the run's Neo4j. It must answer /ready and a signed GraphQL query.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../db/free-port.ts';
import { TEST_SECRET, tokenFor } from '../helpers/app.ts';
import { testDriver, testNeo4jEnv } from '../helpers/neo4j.ts';

/** Production refuses to start with no administrator (server/accounts/start-check.ts): this one. */
const ADMIN = 'production-build-admin';

const ROOT = resolve(import.meta.dirname, '../..');

/** The final stage's COPY lines as [from, to] pairs, `--from=build /app/x` read as the build's x. */
function finalStageCopies(dockerfile: string): { source: string; target: string; fromBuild: boolean }[] {
  const stages = dockerfile.split(/^FROM /m);
  const last = stages[stages.length - 1] ?? '';
  return [...last.matchAll(/^COPY (--from=build )?(\S+) (\S+)$/gm)].map((m) => ({
    fromBuild: Boolean(m[1]),
    source: (m[2] ?? '').replace(/^\/app\//, ''),
    target: m[3] ?? '',
  }));
}

describe('the production image layout', () => {
  let dir: string;
  let outDir: string;
  let server: ChildProcess | undefined;
  let port: number;
  let output = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'partygraph-image-'));
    outDir = mkdtempSync(join(tmpdir(), 'partygraph-compiled-'));
    const compile = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(compile.status, compile.stdout + compile.stderr).toBe(0);

    const copies = finalStageCopies(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
    for (const { source, target, fromBuild } of copies) {
      const from = fromBuild && source === 'dist/' ? outDir : join(ROOT, source);
      cpSync(from, join(dir, target), { recursive: true });
    }
    // The image runs `npm ci --omit=dev`; here the checkout's modules stand in for them.
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));

    const { driver, database } = testDriver();
    await driver.executeQuery(
      "MERGE (u:User {login: $login}) SET u.name = $login, u.role = 'admin', u.status = 'active', u.source = 'local'",
      { login: ADMIN },
      { database },
    );
    await driver.close();
    port = await freePort();
    server = spawn(process.execPath, ['server/main.js'], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        ...testNeo4jEnv(),
        AUTH_SECRET: TEST_SECRET,
        ALLOWED_HOSTS: `127.0.0.1:${port}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    server.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (server.exitCode !== null) throw new Error(`server/main.js exited ${server.exitCode}:\n${output}`);
      const ready = await fetch(`http://127.0.0.1:${port}/ready`).catch(() => undefined);
      if (ready?.ok) return;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`server/main.js did not become ready:\n${output}`);
  });

  afterAll(async () => {
    server?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
    const { driver, database } = testDriver();
    await driver.executeQuery('MATCH (u:User {login: $login}) DELETE u', { login: ADMIN }, { database });
    await driver.close();
  });

  it('copies compiled JavaScript, not TypeScript to run with tsx', () => {
    const copies = finalStageCopies(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
    expect(copies.some((c) => c.fromBuild && c.source === 'dist/')).toBe(true);
    expect(readFileSync(join(ROOT, 'Dockerfile'), 'utf8')).toMatch(/^CMD \["node", "server\/main\.js"\]$/m);
    expect(readFileSync(join(ROOT, 'Dockerfile'), 'utf8')).toMatch(/^FROM node:24-bookworm-slim$/m);
  });

  it('starts from compiled JavaScript in production mode and answers a signed query', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenFor({ role: 'auditor' })}` },
      body: JSON.stringify({ query: '{ me { role } graphSummary { nodes } }' }),
    });
    const body = (await response.json()) as { data?: { me: { role: string }; graphSummary: { nodes: number } } };
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body.data?.me.role).toBe('auditor');
    expect(body.data?.graphSummary.nodes).toBeGreaterThan(100);
    expect(output).not.toMatch(/tsx/);
  });
});
