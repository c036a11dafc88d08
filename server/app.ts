/**
 * The product as a Fastify app: sign-in and hardening first, then Neo4j, health, GraphQL, reports,
 * data exchange and the viewer. It never listens; main.ts does, and tests call app.inject() on an app
 * built here. Every route has a permission (auth/principal.ts); none is open by accident.
 */
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { StoreIdentityOptions } from '../db/store-identity.ts';
import type { Neo4jHealth } from '../db/supervise-neo4j.ts';
import type { Config } from '../graph/config.ts';
import authPlugin from './auth/plugin.ts';
import { withPermission } from './auth/route-permission.ts';
import { registerGraphql } from './graphql.ts';
import hardening, { addSecurityHeaders, corsOptions, securityHeaders } from './hardening.ts';
import hostCheck from './host-check.ts';
import neo4jPlugin from './plugins/neo4j.ts';
import { sendError } from './rest-errors.ts';
import exchangeRoutes from './routes/exchange.ts';
import exportsRoutes from './routes/exports.ts';
import health from './routes/health.ts';
import oidcRoutes from './routes/oidc.ts';
import sessionRoutes from './routes/session.ts';
import viewer from './routes/viewer.ts';

export interface AppOptions {
  config: Config;
  neo4j: { uri: string; user: string; password: string; database: string; health?: () => Neo4jHealth };
  /** Check the store's id before the schema is applied (npm start; tests that share a store do not). */
  storeIdentity?: StoreIdentityOptions;
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp({ config, neo4j, storeIdentity, logger = false }: AppOptions): Promise<FastifyInstance> {
  const headers = securityHeaders();
  const app = Fastify({
    logger,
    // A URL Fastify cannot decode (a broken percent-escape) is refused before any hook runs: answer it
    // in the API's error format, with the security headers hardening's onSend hook sets on the rest.
    frameworkErrors: (error, _request, reply) => {
      addSecurityHeaders(reply, headers);
      return sendError(reply, 'BAD_REQUEST', error.message);
    },
    bodyLimit: config.BODY_LIMIT,
    trustProxy: false,
    // The Neo4j plugin checks the store and applies the schema: on a fresh store of a busy machine that
    // has taken longer than Fastify's default 10 s.
    pluginTimeout: 60_000,
    // A request must arrive whole within REQUEST_TIMEOUT_MS (408), however slowly its body drips.
    // Node reads these when it creates the server (setting them afterwards, as Fastify's own options
    // do, leaves the 60 s headers timeout in charge) and checks every connectionsCheckingInterval.
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    connectionTimeout: config.CONNECTION_TIMEOUT_MS,
    http: {
      requestTimeout: config.REQUEST_TIMEOUT_MS,
      headersTimeout: Math.min(60_000, config.REQUEST_TIMEOUT_MS),
      connectionsCheckingInterval: Math.min(5_000, Math.ceil(config.REQUEST_TIMEOUT_MS / 4)),
    },
  });
  await app.register(hostCheck, { config });
  await app.register(cors, corsOptions(config));
  await app.register(authPlugin, { config });
  await app.register(hardening, { config, headers });
  await app.register(neo4jPlugin, { ...neo4j, queryTimeoutMs: config.QUERY_TIMEOUT_MS, ...(storeIdentity ? { storeIdentity } : {}) });
  await app.register(withPermission('public', health));
  await app.register(sessionRoutes, { config });
  await app.register(oidcRoutes, { config });
  await registerGraphql(app, config);
  await app.register(withPermission('export', exportsRoutes));
  await app.register(exchangeRoutes, { config });
  // Our own GraphiQL (web/graphiql), not Mercurius's, which loads its code from a CDN at run time.
  // The pages are public; what they show comes from /graphql, which needs a sign-in.
  await app.register(withPermission('public', viewer, { graphiql: config.NODE_ENV !== 'production' }));
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 'NOT_FOUND', `${request.method} ${request.url.split('?')[0]?.slice(0, 200)}: no such route`),
  );
  return app;
}
