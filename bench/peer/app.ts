/**
 * The peer app: Fastify + Mercurius serving the schema @neo4j/graphql generates (type-defs.ts), on the
 * same Neo4j as ours, with a driver configured like ours. No sign-in (ours checks a token on every
 * request, which only adds to our side).
 */
import { Neo4jGraphQL } from '@neo4j/graphql';
import Fastify, { type FastifyInstance } from 'fastify';
import mercurius from 'mercurius';
import neo4j, { type Driver } from 'neo4j-driver';
import { enableTcpNoDelay } from '../../graph/tcp-no-delay.ts';
import { peerTypeDefs } from './type-defs.ts';

export interface PeerApp {
  app: FastifyInstance;
  driver: Driver;
  close(): Promise<void>;
}

export async function buildPeerApp(target: { uri: string; user: string; password: string }): Promise<PeerApp> {
  // The peer's driver sends as ours does (the product's server/plugins/neo4j.ts): without Nagle's delay.
  enableTcpNoDelay();
  const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.user, target.password), { userAgent: 'bench-peer' });
  // String comparisons (off by default in @neo4j/graphql): a pairing's validity dates are ISO strings,
  // compared with the day as ours does (cypher/fragments/active-on.cypher).
  const neoSchema = new Neo4jGraphQL({
    typeDefs: peerTypeDefs,
    driver,
    features: { filters: { String: { LT: true, LTE: true, GT: true, GTE: true } } },
  });
  const schema = await neoSchema.getSchema();
  const app = Fastify({ logger: false, bodyLimit: 1_048_576 });
  await app.register(mercurius, { schema, graphiql: false, path: '/graphql' });
  await app.ready();
  return {
    app,
    driver,
    async close() {
      await app.close();
      await driver.close();
    },
  };
}
