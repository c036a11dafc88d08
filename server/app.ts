/**
 * The product as a Fastify app: Neo4j, health, GraphQL and the viewer. It never listens; main.ts
 * does, and tests call app.inject() on an app built here.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';
import { registerGraphql } from './graphql.ts';
import neo4jPlugin from './plugins/neo4j.ts';
import exchangeRoutes from './routes/exchange.ts';
import exportsRoutes from './routes/exports.ts';
import health from './routes/health.ts';
import viewer from './routes/viewer.ts';

export interface AppOptions {
  config: Config;
  neo4j: { uri: string; user: string; password: string; database: string };
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp({ config, neo4j, logger = false }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger, bodyLimit: 1_048_576 });
  await app.register(neo4jPlugin, { ...neo4j, queryTimeoutMs: config.QUERY_TIMEOUT_MS });
  await app.register(health);
  await registerGraphql(app);
  await app.register(exportsRoutes);
  await app.register(exchangeRoutes);
  // Our own GraphiQL (web/graphiql), not Mercurius's, which loads its code from a CDN at run time.
  await app.register(viewer, { graphiql: config.NODE_ENV !== 'production' });
  return app;
}
