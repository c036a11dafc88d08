/** `npm run db`: the embedded Neo4j in the foreground, until Ctrl-C (SIGINT) or SIGTERM. */
import { loadConfig, neo4jPasswordOf } from '../server/config.ts';
import { startEmbeddedNeo4j } from './embedded-neo4j.ts';

const config = loadConfig();
const db = await startEmbeddedNeo4j({
  port: config.NEO4J_BOLT_PORT,
  homeDir: config.NEO4J_HOME_DIR,
  password: neo4jPasswordOf(config),
  heap: config.NEO4J_HEAP,
  log: (line) => process.stderr.write(`${line}\n`),
});
console.log(`Neo4j ready at ${db.uri} (user neo4j; password from NEO4J_PASSWORD, else ${config.NEO4J_PASSWORD_FILE}). Ctrl-C stops it.`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    db.stop().then(() => process.exit(0));
  });
}
