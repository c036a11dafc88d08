/**
 * Where the Neo4j comes from, decided in one place for the server, the scripts and the tests:
 *
 *   1. NEO4J_URI (+ NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) when set: an existing server,
 *      cluster or Aura (neo4j+s:// routes through Neo4j's own cluster discovery);
 *   2. for tests only, a Testcontainers Neo4j (neo4j:5.26-community) when a Docker engine answers;
 *   3. otherwise the embedded Neo4j Community from db/, started as a child process.
 */
import neo4j from 'neo4j-driver';
import { type Neo4jHealth, superviseEmbedded } from './supervise-neo4j.ts';

export interface Neo4jTarget {
  uri: string;
  user: string;
  password: string;
  database: string;
  /** Which of the three ways gave this Neo4j. */
  origin: 'uri' | 'testcontainers' | 'embedded';
  /** Stops what was started for this target; a no-op for an external Neo4j. */
  stop(): Promise<void>;
  /** The embedded Neo4j started here: whether it is up or being restarted (server/routes/health.ts). */
  health?: () => Neo4jHealth;
  /** The embedded JVM's current process id. */
  pid?: () => number;
}

export interface ResolveOptions {
  uri?: string | undefined;
  user: string;
  password: string;
  database: string;
  /** Embedded settings. */
  boltPort: number;
  homeDir: string;
  heap?: string;
  /** Tests may use Testcontainers; the product never does. */
  allowTestcontainers?: boolean;
  log?: (line: string) => void;
}

export const TESTCONTAINERS_IMAGE = 'neo4j:5.26-community';

export async function resolveNeo4j(options: ResolveOptions): Promise<Neo4jTarget> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  if (options.uri) {
    return {
      uri: options.uri,
      user: options.user,
      password: options.password,
      database: options.database,
      origin: 'uri',
      stop: async () => {},
    };
  }
  if (options.allowTestcontainers && (await dockerAnswers())) {
    log(`[neo4j] Docker engine found: starting ${TESTCONTAINERS_IMAGE} with Testcontainers`);
    const { Neo4jContainer } = await import('@testcontainers/neo4j');
    const container = await new Neo4jContainer(TESTCONTAINERS_IMAGE).withPassword(options.password).start();
    return {
      uri: container.getBoltUri(),
      user: container.getUsername(),
      password: container.getPassword(),
      database: 'neo4j',
      origin: 'testcontainers',
      stop: async () => {
        await container.stop();
      },
    };
  }
  const running = `bolt://127.0.0.1:${options.boltPort}`;
  if (await answers(running, options.password)) {
    // `npm start` may already run the embedded Neo4j on this store; a second JVM could not open it.
    // (It answered to this store's password; the store id check in server/plugins/neo4j.ts still applies.)
    log(`[neo4j] using the embedded Neo4j already running at ${running}`);
    return { uri: running, user: 'neo4j', password: options.password, database: 'neo4j', origin: 'embedded', stop: async () => {} };
  }
  log(`[neo4j] starting the embedded Neo4j (store ${options.homeDir}, Bolt 127.0.0.1:${options.boltPort})`);
  const embedded = await superviseEmbedded({
    port: options.boltPort,
    homeDir: options.homeDir,
    password: options.password,
    ...(options.heap ? { heap: options.heap } : {}),
    report: log,
  });
  return {
    uri: embedded.uri,
    user: 'neo4j',
    password: options.password,
    database: 'neo4j',
    origin: 'embedded',
    stop: () => embedded.stop(),
    health: embedded.health,
    pid: embedded.pid,
  };
}

async function answers(uri: string, password: string): Promise<boolean> {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', password), { connectionTimeout: 1_000, logging: undefined });
  try {
    await driver.verifyConnectivity();
    return true;
  } catch {
    return false;
  } finally {
    await driver.close();
  }
}

/** True when a Docker (or compatible) engine answers; Testcontainers' own check, which rejects otherwise. */
async function dockerAnswers(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}
