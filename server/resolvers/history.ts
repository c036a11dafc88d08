/** Area history (区域变化): the adapters over services/history.ts. */

import type { Resolvers } from '../generated/graphql.ts';
import { connection, pageArgs } from '../paging.ts';
import { areaHistory, coveragePairings, historyChanges } from '../services/history.ts';

export const historyResolvers = {
  Query: {
    areaHistory: (_root, args, { app }) => areaHistory(app.store, args),
  },
  AreaHistory: {
    changes: (history, args, { app }) => historyChanges(app.store, history, pageArgs(args)),
  },
  Coverage: {
    // One query per coverage asked for: meant for the area at hand, not for every row of a roll-up.
    pairings: async (coverage, args, { app }) => {
      const page = pageArgs(args);
      const { total, items } = await coveragePairings(app.store, coverage, page);
      return connection(items, total, page);
    },
  },
} satisfies Resolvers;
