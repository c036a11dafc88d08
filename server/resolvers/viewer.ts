/**
 * Fields made for the viewer's lenses, each answering a whole lens in one request: the aliased batch
 * of neighbourhoods the chains lens used to send grew with the number of chains and buildings and ran
 * into the server's alias and token limits at district scale (issue #20).
 */
import type { Props } from '../../graph/entity-mapper.ts';
import { intInRange } from '../args.ts';
import type { Resolvers } from '../generated/graphql.ts';
import { optionalArea } from '../services/areas.ts';
import { toElements } from './network.ts';

/** Buildings drawn at most: the cut that `limit` makes on nodes comes after them anyway. */
const BUILDINGS_DRAWN = 5000;

export const viewerResolvers = {
  Query: {
    chainElements: async (_root, args, { app }) => {
      const limit = intInRange('limit', args.limit, 1, 5000);
      // The same lists, by the same named queries, as industryChains(area) and buildings(area).
      const { area, includeSynthetic } = await optionalArea(app.store, args);
      const chains = await app.store.read<{ node: Props }>('chain/list-chains', { areaId: area?.id ?? null, includeSynthetic });
      const [buildings] = await app.store.read<{ items: Props[] }>('place/list-buildings', {
        areaId: area?.id ?? null,
        includeSynthetic,
        offset: 0,
        limit: BUILDINGS_DRAWN,
      });
      const [row] = await app.store.read<NonNullable<Parameters<typeof toElements>[0]>>('viewer/chain-elements', {
        chainIds: chains.map((c) => String(c.node.id)),
        buildingIds: (buildings?.items ?? []).map((b) => String(b.id)),
        limit,
      });
      return toElements(row);
    },
  },
} satisfies Resolvers;
