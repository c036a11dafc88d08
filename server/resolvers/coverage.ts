/** Pairing coverage (结对覆盖率): the GraphQL adapters over services/coverage.ts. */
import type { IResolvers, MercuriusContext } from 'mercurius';
import type { PairingKind } from '../../schema/model.ts';
import { dateArg } from '../args.ts';
import { pageArgs } from '../paging.ts';
import { areaCoverage, type CoverageObject, childCoverages, unpairedPage } from '../services/coverage.ts';
import { entityConnection } from './organization.ts';

export const coverageResolvers: IResolvers = {
  Query: {
    pairingCoverage: (_root, args: { area: string; asOf?: string | null; kind: PairingKind; includeSynthetic?: boolean }, { app }) =>
      areaCoverage(app.store, { ...args, asOf: dateArg('asOf', args.asOf) }),
  },
  Coverage: {
    unpaired: async (coverage: CoverageObject, args: { first?: number; after?: string }, { app }) => {
      const page = pageArgs(args);
      const { items, total } = await unpairedPage(app.store, coverage, page);
      return entityConnection(items, total, page, 'PART_OF');
    },
  },
};

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
