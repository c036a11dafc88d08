/** `npm run db`: the embedded Neo4j in the foreground, until Ctrl-C (SIGINT) or SIGTERM. */
import { connect } from 'node:net';
import { loadConfig, neo4jPasswordOf } from '../graph/config.ts';
import { CliError, parseCommand, runCli } from './cli.ts';
import { startEmbeddedNeo4j } from './embedded-neo4j.ts';

const COMMAND = {
  usage: 'npm run db',
  help: `Runs only the embedded Neo4j, in the foreground, until Ctrl-C: Bolt on 127.0.0.1:NEO4J_BOLT_PORT
(default 7687), store in NEO4J_HOME_DIR (default .data/neo4j). Not needed with npm start, which runs it.

  -h, --help    this text`,
  options: {},
} as const;

/** Whether something already listens on the port (npm start, npm run demo, another npm run db). */
function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

runCli(async () => {
  parseCommand(COMMAND);
  const config = loadConfig();
  if (await portAnswers(config.NEO4J_BOLT_PORT)) {
    throw new CliError(
      `port ${config.NEO4J_BOLT_PORT} is in use: a Neo4j (npm start, npm run demo or another npm run db) or another program ` +
        'already listens there; the product already runs its own Neo4j, or set NEO4J_BOLT_PORT for another',
    );
  }
  const db = await startEmbeddedNeo4j({
    port: config.NEO4J_BOLT_PORT,
    homeDir: config.NEO4J_HOME_DIR,
    password: neo4jPasswordOf(config),
    heap: config.NEO4J_HEAP,
    log: (line) => process.stderr.write(`${line}\n`),
  }).catch((error: Error) => {
    // The store is locked by another Neo4j (on another port): say so in one line.
    if (/lock|already in use|StoreLocked/i.test(error.message))
      throw new CliError(`the store ${config.NEO4J_HOME_DIR} is in use by another Neo4j (npm start or npm run db); stop it first`);
    throw error;
  });
  console.log(`Neo4j ready at ${db.uri} (user neo4j; password from NEO4J_PASSWORD, else ${config.NEO4J_PASSWORD_FILE}). Ctrl-C stops it.`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      db.stop().then(() => process.exit(0));
    });
  }
}, 'db');
