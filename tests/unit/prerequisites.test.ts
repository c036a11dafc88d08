/** A machine without a JDK or Maven gets one sentence saying what to install, not a stack trace. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkJava, checkMaven, MissingToolError } from '../../db/embedded-neo4j.ts';

/** A PATH holding only node: no java, no mvn. */
function pathWithOnlyNode(): string {
  const dir = mkdtempSync(join(tmpdir(), 'only-node-'));
  symlinkSync(process.execPath, join(dir, 'node'));
  return dir;
}

const originalPath = process.env.PATH;
afterEach(() => {
  process.env.PATH = originalPath;
});

describe('prerequisites of the embedded Neo4j', () => {
  it('names the JDK to install when java is missing', () => {
    process.env.PATH = pathWithOnlyNode();
    expect(() => checkJava()).toThrow(MissingToolError);
    expect(() => checkJava()).toThrow(/JDK 17 is needed.*apt-get install openjdk-17-jdk-headless.*or set NEO4J_URI/);
  });

  it('names Maven when mvn is missing', () => {
    process.env.PATH = pathWithOnlyNode();
    expect(() => checkMaven()).toThrow(/Maven is needed once.*apt-get install maven/);
  });

  it('passes on this machine, which has both', () => {
    expect(() => checkJava()).not.toThrow();
    expect(() => checkMaven()).not.toThrow();
  });

  it('npm start without java prints the sentence and exits 1, with no stack trace', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      encoding: 'utf8',
      env: { ...process.env, PATH: pathWithOnlyNode(), NEO4J_URI: '', NEO4J_BOLT_PORT: '7' },
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('JDK 17 is needed to run the embedded Neo4j');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});
