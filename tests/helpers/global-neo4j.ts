/**
 * One real Neo4j for the whole run, by the project's resolution order: NEO4J_URI, else a
 * Testcontainers Neo4j when Docker answers, else the embedded Neo4j on a fresh temporary store and a
 * free port (so neither a running `npm start` nor another test run is ever touched). The documented
 * dataset is loaded once; test files that write use ids of their own and remove them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import type { TestProject } from 'vitest/node';
import { seedDocumented } from '../../data/seed-graph.ts';
import { freePort } from '../../db/free-port.ts';
import { resolveNeo4j } from '../../db/resolve-neo4j.ts';
import { applySchema } from '../../graph/apply-schema.ts';
import { loadConfig, neo4jPasswordOf } from '../../graph/config.ts';
import { GraphStore } from '../../graph/graph-store.ts';
import { readOrCreateSecret } from '../../graph/secret-file.ts';

export default async function setup(project: TestProject) {
  const config = loadConfig();
  const boltPort = Number(process.env.NEO4J_TEST_BOLT_PORT ?? (await freePort()));
  const store = mkdtempSync(join(tmpdir(), 'partygraph-test-'));
  const target = await resolveNeo4j({
    uri: config.NEO4J_URI,
    user: config.NEO4J_USER,
    // The run's own store gets its own random password, made the way the product makes its own.
    password: config.NEO4J_URI ? neo4jPasswordOf(config) : readOrCreateSecret(join(store, 'neo4j-password'), { setting: 'test store' }),
    database: config.NEO4J_DATABASE,
    boltPort,
    homeDir: store,
    heap: '2g',
    allowTestcontainers: true,
  });
  const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.user, target.password));
  try {
    await applySchema(driver, target.database);
    await seedDocumented(GraphStore.forLoads(driver, target.database));
  } finally {
    await driver.close();
  }
  project.provide('neo4j', {
    uri: target.uri,
    user: target.user,
    password: target.password,
    database: target.database,
    origin: target.origin,
  });
  return async () => {
    await target.stop();
    rmSync(store, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: { uri: string; user: string; password: string; database: string; origin: string };
  }
}
