/**
 * Shared start-up for the command-line scripts: configuration, then a Neo4j by the usual resolution
 * (NEO4J_URI, else the embedded Neo4j, reusing one that `npm start` already runs).
 */
import neo4j, { type Driver } from 'neo4j-driver';
import { type Neo4jTarget, resolveNeo4j } from '../db/resolve-neo4j.ts';
import { applySchema } from '../schema/apply-schema.ts';
import { ConfigError, loadConfig, neo4jOptionsOf } from '../server/config.ts';

export async function withNeo4j(work: (driver: Driver, database: string, target: Neo4jTarget) => Promise<void>): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const target = await resolveNeo4j(neo4jOptionsOf(config));
  const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.user, target.password), { disableLosslessIntegers: true });
  try {
    await driver.verifyConnectivity({ database: target.database });
    await applySchema(driver, target.database);
    await work(driver, target.database, target);
  } finally {
    await driver.close();
    await target.stop();
  }
}

/** Runs a script's main function, printing a one-line error instead of a stack for known failures. */
export function runCli(main: () => Promise<void>): void {
  main().catch((error: Error) => {
    console.error(error.name === 'SeedError' || error.name === 'MissingToolError' ? error.message : (error.stack ?? error.message));
    process.exit(1);
  });
}
