/** Area history (区域变化): the adapters over services/history.ts. */
import type { IResolvers } from 'mercurius';
import { connection, pageArgs } from '../paging.ts';
import type { CoverageObject } from '../services/coverage.ts';
import { type AreaHistory, type AreaHistoryArgs, areaHistory, coveragePairings, historyChanges } from '../services/history.ts';

export const historyResolvers: IResolvers = {
  Query: {
    areaHistory: (_root, args: AreaHistoryArgs, { app }) => areaHistory(app.store, args),
  },
  AreaHistory: {
    changes: (history: AreaHistory, args: { first?: number | null; after?: string | null }, { app }) =>
      historyChanges(app.store, history, pageArgs(args)),
  },
  Coverage: {
    // One query per coverage asked for: meant for the area at hand, not for every row of a roll-up.
    pairings: async (coverage: CoverageObject, args: { first?: number | null; after?: string | null }, { app }) => {
      const page = pageArgs(args);
      const { total, items } = await coveragePairings(app.store, coverage, page);
      return connection(items, total, page);
    },
  },
};
