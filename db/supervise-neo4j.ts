/**
 * Keeps the embedded Neo4j running for as long as the product runs: when the JVM dies by itself (a
 * crash, the kernel's OOM killer, someone's kill -9), it is started again on the same store and port,
 * after 1 s, 2 s, 4 s … (at most 30 s), up to `maxRestarts` times in a row; a start that then stays up
 * for five minutes clears the count. Meanwhile `health()` says why the database is away, which /ready
 * reports (503) until it is back; the API's driver reconnects by itself.
 */
import { type EmbeddedNeo4j, type EmbeddedOptions, startEmbeddedNeo4j } from './embedded-neo4j.ts';

export interface Neo4jHealth {
  state: 'up' | 'restarting' | 'failed';
  /** Why it is not up, for /ready and the log. */
  reason?: string;
}

export interface SupervisedNeo4j {
  uri: string;
  /** The JVM's process id now (it changes with each restart). */
  pid(): number;
  health(): Neo4jHealth;
  stop(): Promise<void>;
}

export interface SuperviseOptions extends EmbeddedOptions {
  maxRestarts?: number;
  /** The first wait before a restart; it doubles each time. */
  firstBackoffMs?: number;
  /** Where the supervisor says what it does (the JVM's own lines go to `log`). */
  report?: (line: string) => void;
}

const STABLE_MS = 5 * 60_000;

export async function superviseEmbedded(options: SuperviseOptions): Promise<SupervisedNeo4j> {
  const maxRestarts = options.maxRestarts ?? 5;
  const firstBackoffMs = options.firstBackoffMs ?? 1_000;
  const log = options.report ?? ((line: string) => process.stderr.write(`${line}\n`));
  let current: EmbeddedNeo4j = await startEmbeddedNeo4j(options);
  let health: Neo4jHealth = { state: 'up' };
  let restarts = 0;
  let upSince = Date.now();
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;

  const watch = (db: EmbeddedNeo4j) => db.onUnexpectedExit((why) => scheduleRestart(`the embedded Neo4j stopped (${why})`));

  function scheduleRestart(why: string) {
    if (stopping) return;
    if (Date.now() - upSince > STABLE_MS) restarts = 0;
    if (restarts >= maxRestarts) {
      health = { state: 'failed', reason: `${why}; gave up after ${maxRestarts} restarts: restart the server` };
      log(`[neo4j] ${health.reason}`);
      return;
    }
    restarts += 1;
    const delay = Math.min(30_000, firstBackoffMs * 2 ** (restarts - 1));
    health = { state: 'restarting', reason: `${why}; restart ${restarts} of ${maxRestarts} in ${delay / 1000} s` };
    log(`[neo4j] ${health.reason}`);
    timer = setTimeout(() => {
      timer = undefined;
      startEmbeddedNeo4j(options).then(
        (db) => {
          if (stopping) return void db.stop();
          current = db;
          upSince = Date.now();
          health = { state: 'up' };
          log(`[neo4j] the embedded Neo4j is back (restart ${restarts})`);
          watch(db);
        },
        (error: Error) => scheduleRestart(`the embedded Neo4j did not start again: ${error.message.split('\n')[0]}`),
      );
    }, delay);
  }

  watch(current);
  return {
    uri: current.uri,
    pid: () => current.pid,
    health: () => health,
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await current.stop();
    },
  };
}
