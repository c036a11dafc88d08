/** Pairing coverage (结对覆盖率): the GraphQL adapters over services/coverage.ts. */
import type { MercuriusContext } from 'mercurius';
import { dateArg } from '../args.ts';
import type { Resolvers } from '../generated/graphql.ts';
import { entityConnection, pageArgs } from '../paging.ts';
import { areaCoverage, type CoverageObject, childCoverages, unpairedPage } from '../services/coverage.ts';

export const coverageResolvers = {
  Query: {
    pairingCoverage: (_root, args, { app }) => areaCoverage(app.store, { ...args, asOf: dateArg('asOf', args.asOf) }),
  },
  Coverage: {
    unpaired: async (coverage, args, { app }) => {
      const page = pageArgs(args);
      const { items, total } = await unpairedPage(app.store, coverage, page);
      return entityConnection(items, total, page, 'PART_OF');
    },
  },
} satisfies Resolvers;

export function coverageLoaders() {
  return {
    Coverage: {
      byArea: (queries: { obj: CoverageObject }[], { app }: MercuriusContext) =>
        childCoverages(
          app.store,
          queries.map(({ obj }) => obj),
        ),
    },
  };
}
