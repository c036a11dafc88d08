/** Organizations: lookup, lists, and the hierarchy fields (ancestors, descendants, siblings, counts). */
import { type Props, toEntity } from '../../graph/entity-mapper.ts';
import { intInRange, kindsArg } from '../args.ts';
import { batchedLoader } from '../batched.ts';
import type { Resolvers } from '../generated/graphql.ts';
import { entityConnection, pageArgs } from '../paging.ts';
import { findByIdOrName, pageInArea } from '../services/areas.ts';

export const organizationResolvers = {
  Query: {
    organization: (_root, args, { app }) => findByIdOrName(app.store, 'Organization', args),
    organizations: async (_root, args, { app }) => {
      const { items, total, page } = await pageInArea(app.store, 'organization/list-organizations', args, {
        kinds: kindsArg('kinds', args.kinds),
      });
      return entityConnection(items, total, page, 'REPORTS_TO');
    },
  },
} satisfies Resolvers;

export function organizationLoaders() {
  const entities = (items: Props[]) => items.map(toEntity);
  return {
    Organization: {
      ancestors: batchedLoader('organization/list-ancestors', entities),
      siblings: batchedLoader('organization/list-siblings', entities, (params: { first?: number | null }) => ({
        limit: pageArgs({ first: params.first }).limit,
      })),
      descendantCounts: batchedLoader('organization/count-descendants', (items: { kind: string; count: number }[]) => items),
      descendants: batchedLoader(
        'organization/list-descendants',
        (items: { node: Props }[], _parent, row, params) => {
          const page = { offset: Number(params.offset), limit: Number(params.limit) };
          return entityConnection(
            items.map((i) => i.node),
            Number(row?.total ?? 0),
            page,
            'REPORTS_TO',
          );
        },
        (params: { maxDepth: number; kinds?: string[] | null; first?: number; after?: string }) => {
          const page = pageArgs(params);
          return { maxDepth: intInRange('maxDepth', params.maxDepth, 1, 10), kinds: kindsArg('kinds', params.kinds), ...page };
        },
      ),
    },
  };
}
