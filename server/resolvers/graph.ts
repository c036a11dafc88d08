import type { Resolvers } from '../generated/graphql.ts';

export const API_VERSION = '0.1.0';

export const graphResolvers = {
  Query: {
    version: () => API_VERSION,
    graphSummary: async (_root, _args, { app }) => {
      const [row] = await app.store.read('graph/count-summary');
      // One row always: every subquery aggregates.
      return row!;
    },
  },
} satisfies Resolvers;
