/**
 * `npm start`: the whole product on one command. Resolves a Neo4j (NEO4J_URI, else the embedded
 * one), applies the schema, loads the documented dataset if the database has none, builds the viewer
 * if needed (never in production: there it is built before), and serves the API and viewer on PORT. SIGINT/SIGTERM close the server, then Neo4j.
 */
import { hasDocumentedData, seedDocumented } from '../data/seed-graph.ts';
import { resolveNeo4j } from '../db/resolve-neo4j.ts';
import { ConfigError, loadConfig, neo4jOptionsOf } from '../graph/config.ts';
import { GraphStore } from '../graph/graph-store.ts';
import { requireAdministrator } from './accounts/start-check.ts';
import { buildApp } from './app.ts';
import { ensureViewerBuilt } from './viewer-build.ts';

async function main() {
  const config = loadConfig();
  const target = await resolveNeo4j(neo4jOptionsOf(config));
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let closing = false;
  // npm forwards the terminal's signal too, so one Ctrl-C can arrive twice: close once, in order.
  const close = (reason: string) => {
    if (closing) return;
    closing = true;
    void (async () => {
      console.error(`[server] ${reason}: finishing requests, then stopping Neo4j`);
      setTimeout(() => process.exit(1), 30_000).unref();
      await app?.close();
      await target.stop();
      process.exit(0);
    })();
  };
  process.on('SIGINT', () => close('SIGINT'));
  process.on('SIGTERM', () => close('SIGTERM'));

  await ensureViewerBuilt({ production: config.NODE_ENV === 'production' });
  app = await buildApp({
    config,
    neo4j: target,
    // Another checkout's Neo4j on this port is refused before the schema or the seed touch it.
    storeIdentity: { file: config.NEO4J_STORE_ID_FILE, adoptWhenMissing: target.origin === 'uri' },
    logger: { level: config.LOG_LEVEL, redact: ['req.headers.authorization'] },
  });
  const loads = GraphStore.forLoads(app.neo4j, target.database);
  if (config.SEED_ON_START && !(await hasDocumentedData(loads))) {
    const seeded = await seedDocumented(loads);
    app.log.info(seeded, 'empty database: documented dataset loaded');
  }
  // Production needs someone who can sign in as an administrator (server/accounts/start-check.ts).
  await requireAdministrator(app.store, config).catch(async (error: Error) => {
    await app?.close();
    await target.stop();
    throw error;
  });
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  app.log.info(`ready: GraphQL ${address}/graphql, GraphiQL ${address}/graphiql, viewer ${address}/ (Neo4j: ${target.origin})`);
}

main().catch((error: Error) => {
  const known =
    error instanceof ConfigError ||
    ['MissingToolError', 'ForeignStoreError', 'SecretFileError', 'ViewerNotBuiltError'].includes(error.name);
  console.error(known ? error.message : error);
  process.exit(1);
});
