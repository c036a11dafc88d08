/** Places: lookup, ancestors, buildings and parks. */
import { type Props, toEntity } from '../../graph/entity-mapper.ts';
import { batchedLoader } from '../batched.ts';
import type { Resolvers } from '../generated/graphql.ts';
import { pageArgs } from '../paging.ts';
import { findArea, findByIdOrName, showSynthetic } from '../services/areas.ts';
import { entityConnection } from './organization.ts';

export const placeResolvers = {
  Query: {
    place: (_root, args, { app }) => findByIdOrName(app.store, 'Place', args),
    buildings: async (_root, args, { app }) => {
      const page = pageArgs(args);
      const area = args.area == null ? null : await findArea(app.store, 'area', args.area);
      const [row] = await app.store.read<{ total: number; items: Props[] }>('place/list-buildings', {
        areaId: area?.id ?? null,
        includeSynthetic: showSynthetic(args, area),
        offset: page.offset,
        limit: page.limit,
      });
      return entityConnection(row?.items ?? [], row?.total ?? 0, page, 'PART_OF');
    },
  },
} satisfies Resolvers;

export function placeLoaders() {
  return {
    Place: {
      ancestors: batchedLoader('place/list-ancestors', (items: Props[]) => items.map(toEntity)),
    },
  };
}
