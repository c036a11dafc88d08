/**
 * The Neo4j driver as a Fastify plugin: created once, checked at start, schema applied, closed with
 * the app. Integers come back as JavaScript numbers (the graph's counts are far below 2^53).
 */
import fp from 'fastify-plugin';
import neo4j, { type Driver } from 'neo4j-driver';
import { checkStoreIdentity, type StoreIdentityOptions } from '../../db/store-identity.ts';
import type { Neo4jHealth } from '../../db/supervise-neo4j.ts';
import { applySchema } from '../../graph/apply-schema.ts';
import { GraphStore } from '../../graph/graph-store.ts';
import { enableTcpNoDelay } from '../../graph/tcp-no-delay.ts';

export interface Neo4jPluginOptions {
  uri: string;
  user: string;
  password: string;
  database: string;
  queryTimeoutMs: number;
  /** Apply schema/constraints.cypher at start (default true). */
  applySchema?: boolean;
  /** Check (and on first start write) the store's id before anything else (db/store-identity.ts). */
  storeIdentity?: StoreIdentityOptions;
  /** The embedded Neo4j's supervisor: whether it is up or being restarted (db/supervise-neo4j.ts). */
  health?: () => Neo4jHealth;
}

declare module 'fastify' {
  interface FastifyInstance {
    neo4j: Driver;
    store: GraphStore;
    /** What /ready reports before it asks Neo4j: always up for a Neo4j this process does not run. */
    neo4jHealth: () => Neo4jHealth;
  }
}

export default fp<Neo4jPluginOptions>(
  async (app, options) => {
    // Before the driver opens a socket: a query longer than the driver's 1,400-byte chunk would
    // otherwise wait up to 40 ms for Nagle (graph/tcp-no-delay.ts).
    enableTcpNoDelay();
    const driver = neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
      disableLosslessIntegers: true,
      // Fail fast when Neo4j is gone, so the API can answer SERVICE_UNAVAILABLE instead of hanging.
      connectionAcquisitionTimeout: 5_000,
      connectionTimeout: 5_000,
      // Short on purpose: retries also cover an unreachable server, and the API should say so in
      // seconds. Deadlocks are prevented (ordered locks, one lock for hierarchy moves), not retried out.
      maxTransactionRetryTime: 2_000,
      userAgent: 'jinan-party-graph',
    });
    app.addHook('onClose', async () => {
      await driver.close();
    });
    await driver.verifyConnectivity({ database: options.database });
    // Before the schema: another checkout's store must not be changed at all.
    if (options.storeIdentity) await checkStoreIdentity(driver, options.database, options.uri, options.storeIdentity);
    if (options.applySchema !== false) {
      const count = await applySchema(driver, options.database);
      app.log.info({ statements: count }, 'graph constraints and indexes applied');
    }
    app.decorate('neo4j', driver);
    app.decorate('neo4jHealth', options.health ?? (() => ({ state: 'up' }) as const));
    app.decorate('store', new GraphStore(driver, options.database, options.queryTimeoutMs));
  },
  { name: 'neo4j' },
);
