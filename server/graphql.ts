/**
 * The GraphQL endpoint: SDL from schema/, thin resolvers, loaders for every per-parent field, one
 * error format. GraphiQL is served by the viewer's bundle (routes/viewer.ts).
 */
import type { FastifyInstance } from 'fastify';
import mercurius, { type IResolvers, type MercuriusLoaders } from 'mercurius';
import type { Config } from '../graph/config.ts';
import { formatGraphqlError } from '../graph/errors.ts';
import { registerFieldPolicy } from './auth/policy.ts';
import type { Principal } from './auth/principal.ts';
import { keepPastAnswers } from './compiled/past-answers.ts';
import { installCompiledReads } from './compiled/read-path.ts';
import { CostBudget } from './cost-budget.ts';
import { tokenLimit, validationRules, withoutSuggestions } from './graphql-limits.ts';
import { registerGraphqlOverHttp, withHttpStatus } from './graphql-over-http.ts';
import { loadSdl } from './graphql-schema.ts';
import { liveResolvers, relayCommitted, subscriptionOptions } from './live/changes-committed.ts';
import { checkCost, costCache } from './query-cost.ts';
import { relatedLoaders } from './related-fields.ts';
import { budgetContext, instrumentSchema } from './request-budget.ts';
import { accountResolvers } from './resolvers/accounts.ts';
import { auditResolvers } from './resolvers/audit.ts';
import { chainLoaders, chainResolvers } from './resolvers/chain.ts';
import { changeResolvers } from './resolvers/changes.ts';
import { coverageLoaders, coverageResolvers } from './resolvers/coverage.ts';
import { documentResolvers } from './resolvers/documents.ts';
import { entityLoaders, entityResolvers, entityTypeResolvers, reportSearchTried } from './resolvers/entity.ts';
import { graphResolvers } from './resolvers/graph.ts';
import { historyResolvers } from './resolvers/history.ts';
import { meResolvers } from './resolvers/me.ts';
import { mutationResolvers } from './resolvers/mutations.ts';
import { networkResolvers } from './resolvers/network.ts';
import { organizationLoaders, organizationResolvers } from './resolvers/organization.ts';
import { overviewResolvers } from './resolvers/overview.ts';
import { pairingLoaders, pairingResolvers } from './resolvers/pairing.ts';
import { placeLoaders, placeResolvers } from './resolvers/place.ts';
import { rankingResolvers } from './resolvers/ranking.ts';
import { savedViewResolvers } from './resolvers/saved-views.ts';
import { timelineResolvers } from './resolvers/timeline.ts';
import { viewerResolvers } from './resolvers/viewer.ts';

type Tree = Record<string, Record<string, unknown>>;

/** Merges per-area resolver or loader maps type by type (later areas add fields, never replace). */
export function mergeByType(...parts: Tree[]): Tree {
  const merged: Tree = {};
  for (const part of parts) {
    for (const [type, fields] of Object.entries(part)) {
      for (const field of Object.keys(fields)) {
        if (merged[type]?.[field] !== undefined) throw new Error(`${type}.${field} is defined twice`);
      }
      merged[type] = { ...merged[type], ...fields };
    }
  }
  return merged;
}

export const resolvers = mergeByType(
  graphResolvers as Tree,
  entityResolvers as Tree,
  entityTypeResolvers as Tree,
  organizationResolvers as Tree,
  placeResolvers as Tree,
  chainResolvers as Tree,
  pairingResolvers as Tree,
  coverageResolvers as Tree,
  rankingResolvers as Tree,
  networkResolvers as Tree,
  overviewResolvers as Tree,
  auditResolvers as Tree,
  accountResolvers as Tree,
  documentResolvers as Tree,
  changeResolvers as Tree,
  historyResolvers as Tree,
  meResolvers as Tree,
  mutationResolvers as Tree,
  viewerResolvers as Tree,
  liveResolvers as Tree,
  timelineResolvers as Tree,
  savedViewResolvers as Tree,
) as IResolvers;

export const loaders = mergeByType(
  relatedLoaders(),
  entityLoaders(),
  organizationLoaders(),
  placeLoaders(),
  chainLoaders(),
  pairingLoaders(),
  coverageLoaders(),
) as MercuriusLoaders;

declare module 'mercurius' {
  interface MercuriusContext {
    /** The verified caller (auth/plugin.ts); null only on routes that let anonymous callers through. */
    principal: Principal | null;
    /** Who the change log names: the principal's display name. */
    actor: string;
  }
}

/**
 * The cost of a request, bounded before it runs (its estimate against GRAPHQL_MAX_COST, then charged
 * to the caller's RATE_LIMIT_COST a minute) and while it runs (objects and database time counted by
 * request-budget.ts, the answer's bytes against GRAPHQL_MAX_RESPONSE_BYTES).
 */
async function limitCost(app: FastifyInstance, config: Config) {
  instrumentSchema(app.graphql.schema);
  const budget = new CostBudget(config.RATE_LIMIT_COST);
  // The estimate remembered per document and variables (query-cost.ts); checked and charged every time.
  const costOf = costCache();
  app.graphql.addHook('preExecution', async (schema, document, context, variables) => {
    const cost = costOf(schema, document, (variables ?? {}) as Record<string, unknown>);
    checkCost(cost, config.GRAPHQL_MAX_COST);
    const request = context.reply.request;
    budget.charge(request.principal ? `sub:${request.principal.subject}` : `ip:${request.ip}`, cost);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.routeOptions.url !== '/graphql' || typeof payload !== 'string') return payload;
    // A UTF-8 character is at most 4 bytes: most answers need no count.
    if (payload.length * 4 <= config.GRAPHQL_MAX_RESPONSE_BYTES || Buffer.byteLength(payload) <= config.GRAPHQL_MAX_RESPONSE_BYTES) {
      return payload;
    }
    reply.code(200);
    return JSON.stringify({
      data: null,
      errors: [
        {
          message: `query: the answer is larger than ${config.GRAPHQL_MAX_RESPONSE_BYTES} bytes (GRAPHQL_MAX_RESPONSE_BYTES); ask for smaller pages (first) or fewer fields`,
          extensions: { code: 'RESPONSE_TOO_LARGE', limit: config.GRAPHQL_MAX_RESPONSE_BYTES },
        },
      ],
    });
  });
}

export async function registerGraphql(app: FastifyInstance, config: Config) {
  registerGraphqlOverHttp(app);
  await app.register(mercurius, {
    schema: loadSdl(),
    resolvers,
    loaders,
    graphiql: false,
    path: '/graphql',
    allowBatchedQueries: false,
    // Parsed and validated documents kept by their text (Mercurius's LRU, stated here so it stays on):
    // the viewer's fixed documents are parsed and validated once, not on every request.
    cache: 1024,
    // Automatic persisted queries: once the server has seen a document, a client may send its SHA-256
    // alone (extensions.persistedQuery), so the viewer's fixed documents travel as a hash.
    persistedQueryProvider: mercurius.persistedQueryDefaults.automatic(1024),
    // graphql-jit for a document run GRAPHQL_JIT times (0: never; graph/config.ts says why).
    jit: config.GRAPHQL_JIT,
    validationRules: validationRules(config),
    errorFormatter: withHttpStatus((execution) => {
      const formatted = formatGraphqlError(execution, app.log);
      // With introspection off, "Did you mean …" would name the fields it hides.
      if (config.NODE_ENV === 'production') {
        for (const error of formatted.response.errors) error.message = withoutSuggestions(error.message);
      }
      return formatted;
    }),
    context: (request) => ({
      principal: request.principal,
      actor: request.principal?.name ?? 'anonymous',
      ...budgetContext(config),
    }),
    // Live updates over WebSocket, signed in like every request (live/changes-committed.ts).
    subscription: subscriptionOptions(app, () => budgetContext(config)),
  });
  relayCommitted(app);
  reportSearchTried(app);
  app.graphql.addHook('preParsing', tokenLimit(config));
  // Before limitCost: its budget wraps the compiled roots and the preloaded fields too.
  installCompiledReads(app.graphql.schema, config.COMPILED_READS, loaders);
  // Answers about a past date kept until a write commits (server/compiled/past-answers.ts), part of the
  // fast read path (COMPILED_READS=false turns both off). Production only: tests and development also
  // write through the driver, which announces nothing.
  if (config.NODE_ENV === 'production' && config.COMPILED_READS) {
    const stop = keepPastAnswers(app.store, { max: 500, maxAgeMs: 60_000 });
    app.addHook('onClose', async () => stop());
  }
  await limitCost(app, config);
  await registerFieldPolicy(app);
}
