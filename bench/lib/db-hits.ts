/**
 * Database hits (PROFILE) of the Cypher a question runs: what the database does for it, free of the
 * machine's load, so it compares ours, a hand-written query and the peer's exactly. The peer's Cypher
 * is captured from its own driver (every statement @neo4j/graphql runs goes through a session's
 * transaction), ours from GraphStore (recordReads).
 */
import type { Driver, ManagedTransaction, Session } from 'neo4j-driver';

export interface Statement {
  text: string;
  params: Record<string, unknown>;
}

interface ProfileNode {
  dbHits?: number;
  children?: ProfileNode[];
}

const sum = (p: ProfileNode | false | undefined): number => (p ? (p.dbHits ?? 0) + (p.children ?? []).reduce((a, c) => a + sum(c), 0) : 0);

/** The summed database hits of every operator of each statement's plan, run with PROFILE (params as the driver takes them). */
export async function dbHits(driver: Driver, statements: Statement[], database = 'neo4j'): Promise<number> {
  let hits = 0;
  for (const s of statements) {
    const result = await driver.executeQuery(`PROFILE ${s.text}`, s.params, { database });
    hits += sum(result.summary.profile as ProfileNode | false);
  }
  return hits;
}

/**
 * Records the statements run through `driver` while `work` runs: sessions it opens have their
 * transaction functions' `run` wrapped. Returns the statements in the order they ran.
 */
export async function captureStatements(driver: Driver, work: () => Promise<unknown>): Promise<Statement[]> {
  const statements: Statement[] = [];
  const original = driver.session;
  const wrapTx = (tx: ManagedTransaction) =>
    new Proxy(tx, {
      get(target, key, receiver) {
        if (key !== 'run') return Reflect.get(target, key, receiver);
        return (text: string, params: Record<string, unknown> = {}, ...rest: unknown[]) => {
          statements.push({ text, params });
          return (target.run as (...a: unknown[]) => unknown).call(target, text, params, ...rest);
        };
      },
    });
  driver.session = ((...args: Parameters<Driver['session']>) => {
    const session: Session = original.apply(driver, args);
    for (const name of ['executeRead', 'executeWrite'] as const) {
      const run = session[name].bind(session);
      (session as unknown as Record<string, unknown>)[name] = (fn: (tx: ManagedTransaction) => unknown, ...rest: unknown[]) =>
        (run as (...a: unknown[]) => unknown)((tx: ManagedTransaction) => fn(wrapTx(tx)), ...rest);
    }
    return session;
  }) as Driver['session'];
  try {
    await work();
  } finally {
    driver.session = original;
  }
  return statements;
}
