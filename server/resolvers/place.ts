/** Places: lookup, ancestors, buildings and parks. */
import { type Props, toEntity } from '../../graph/entity-mapper.ts';
import { batchedLoader } from '../batched.ts';
import type { Resolvers } from '../generated/graphql.ts';
import { entityConnection } from '../paging.ts';
import { findByIdOrName, pageInArea } from '../services/areas.ts';

export const placeResolvers = {
  Query: {
    place: (_root, args, { app }) => findByIdOrName(app.store, 'Place', args),
    buildings: async (_root, args, { app }) => {
      const { items, total, page } = await pageInArea(app.store, 'place/list-buildings', args);
      return entityConnection(items, total, page, 'PART_OF');
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
