/**
 * Starts the project's own Neo4j Community server (db/src/main/java) as a child process.
 *
 * The first start builds the launcher and copies Neo4j's jars from Maven Central (`mvn package`,
 * with Maven's download progress shown); later starts run `java` directly and need no network.
 * The child is tied to this process three ways: `stop()`, an exit hook, and its stdin, which the JVM
 * watches (`--exit-with-parent`), so even a crash or SIGKILL of Node leaves no orphan `java`.
 * It runs with umask 077: the store and its logs are readable by the user running it only.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { projectDir } from '../graph/project-root.ts';
import { ensurePrivateDir } from '../graph/secret-file.ts';

export const DB_DIR = projectDir('db');
const TARGET = join(DB_DIR, 'target');
const BUILT_STAMP = join(TARGET, '.built');
const READY = /^NEO4J_READY (bolt:\/\/\S+)$/;

export class MissingToolError extends Error {
  override name = 'MissingToolError';
}

export interface EmbeddedOptions {
  port: number;
  homeDir: string;
  password: string;
  heap?: string;
  pageCache?: string;
  /** More JVM options, after the defaults (a later option wins; a collector named here replaces G1): e.g. a GC log. */
  jvmOptions?: string[];
  /** Where the JVM's own messages go; the default keeps them out of the way unless it fails. */
  log?: (line: string) => void;
}

export interface EmbeddedNeo4j {
  uri: string;
  pid: number;
  stop(): Promise<void>;
  /** For tests: SIGKILL, as a power cut would; the store must recover on the next start. */
  kill(): Promise<void>;
  /** Called once if the JVM exits by itself (crash, OOM, kill by someone else), not by stop() or kill(). */
  onUnexpectedExit(listener: (why: string) => void): void;
}

function requireTool(command: string, args: string[], advice: string): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error || result.status !== 0) throw new MissingToolError(advice);
  return `${result.stdout}${result.stderr}`;
}

export function checkJava(): void {
  const advice =
    'JDK 17 is needed to run the embedded Neo4j: install it (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless) ' +
    'or set NEO4J_URI to use an existing Neo4j.';
  const version = requireTool('java', ['-version'], advice);
  const major = Number(/version "(\d+)/.exec(version)?.[1]);
  if (!(major >= 17)) throw new MissingToolError(`${advice} Found: ${version.split('\n')[0]}`);
}

export function checkMaven(): void {
  requireTool(
    'mvn',
    ['-v'],
    'Maven is needed once, to fetch Neo4j from Maven Central: install it (Debian/Ubuntu: apt-get install maven) or set NEO4J_URI.',
  );
}

function newestSource(): number {
  const files = [join(DB_DIR, 'pom.xml')];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(join(DB_DIR, 'src'));
  return Math.max(...files.map((f) => statSync(f).mtimeMs));
}

/** Builds the launcher and fetches the jars when missing or out of date. Idempotent. */
export function ensureBuilt(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): void {
  if (existsSync(BUILT_STAMP) && statSync(BUILT_STAMP).mtimeMs >= newestSource()) return;
  checkJava();
  checkMaven();
  log('[embedded-neo4j] first start: fetching Neo4j 5.26 from Maven Central and building the launcher (mvn package)…');
  // Maven's own "Downloading from central" lines are the progress a first start shows.
  const build = spawnSync('mvn', ['-B', '-q', '-Dstyle.color=never', 'package', '--file', join(DB_DIR, 'pom.xml')], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0) throw new Error(`building the embedded Neo4j failed (mvn exited ${build.status}); see the output above`);
  writeFileSync(BUILT_STAMP, new Date().toISOString());
}

/** Starts Neo4j and resolves once Bolt is ready, or rejects with what the JVM said. */
export async function startEmbeddedNeo4j(options: EmbeddedOptions): Promise<EmbeddedNeo4j> {
  ensureBuilt();
  checkJava();
  const homeDir = resolve(options.homeDir);
  ensurePrivateDir(homeDir);
  const child = spawn(
    // Through sh for the umask: everything Neo4j writes (store, transaction logs, logs) is 0600/0700.
    '/bin/sh',
    [
      '-c',
      'umask 077 && exec java "$@"',
      'java',
      `-Xmx${options.heap ?? '2g'}`,
      ...(options.jvmOptions?.some((o) => /^-XX:\+Use\w+GC$/.test(o)) ? [] : ['-XX:+UseG1GC']),
      '--add-opens=java.base/java.nio=ALL-UNNAMED',
      '--add-opens=java.base/java.io=ALL-UNNAMED',
      '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
      '--add-opens=java.base/java.lang=ALL-UNNAMED',
      '-Dio.netty.tryReflectionSetAccessible=true',
      ...(options.jvmOptions ?? []),
      '-cp',
      `${join(TARGET, 'classes')}:${join(TARGET, 'lib', '*')}`,
      'partygraph.db.EmbeddedNeo4j',
      '--exit-with-parent',
    ],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group: a terminal's Ctrl-C reaches Node, which then stops Neo4j in order.
      detached: true,
      env: {
        ...process.env,
        NEO4J_BOLT_PORT: String(options.port),
        NEO4J_HOME_DIR: homeDir,
        NEO4J_PASSWORD: options.password,
        NEO4J_PAGECACHE: options.pageCache ?? process.env.NEO4J_PAGECACHE ?? '512m',
      },
    },
  );
  const log = options.log ?? (() => {});
  const recent: string[] = [];
  const remember = (line: string) => {
    recent.push(line);
    if (recent.length > 40) recent.shift();
    log(line);
  };
  createInterface({ input: child.stderr! }).on('line', remember);

  const uri = await new Promise<string>((resolveReady, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = READY.exec(line);
      if (match?.[1]) resolveReady(match[1]);
      else remember(line);
    });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      reject(new Error(`the embedded Neo4j exited before it was ready (${signal ?? `code ${code}`}):\n${recent.join('\n')}`)),
    );
  });

  return tie(child, uri);
}

function tie(child: ChildProcess, uri: string): EmbeddedNeo4j {
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const onExit = () => child.kill('SIGKILL');
  // Last resort if Node exits without calling stop(): a hard kill; Neo4j recovers on the next start.
  process.once('exit', onExit);
  let asked = false;
  let unexpected: ((why: string) => void) | undefined;
  child.once('exit', (code, signal) => {
    process.removeListener('exit', onExit);
    if (!asked) unexpected?.(signal ? `killed by ${signal}` : `exited with code ${code}`);
  });
  return {
    uri,
    pid: child.pid ?? -1,
    onUnexpectedExit(listener) {
      unexpected = listener;
    },
    async stop() {
      asked = true;
      process.removeListener('exit', onExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      asked = true;
      process.removeListener('exit', onExit);
      child.kill('SIGKILL');
      await exited;
    },
  };
}
