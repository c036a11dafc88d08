/** Industry chains (产业链) of an area, with their leaders. */
import { type Props, provenanceOf, toEntity, toEntityOrNull } from '../../graph/entity-mapper.ts';
import { batchedLoader } from '../batched.ts';
import type { Resolvers } from '../generated/graphql.ts';
import { optionalArea } from '../services/areas.ts';

export const chainResolvers = {
  Query: {
    industryChains: async (_root, args: { area?: string | null; includeSynthetic: boolean }, { app }) => {
      const { area, includeSynthetic } = await optionalArea(app.store, args);
      const rows = await app.store.read<{ node: Props }>('chain/list-chains', { areaId: area?.id ?? null, includeSynthetic });
      return rows.map((r) => toEntity(r.node));
    },
  },
  LeadershipRole: {
    holder: (role: { holder?: string | null }) => role.holder ?? null,
  },
} satisfies Resolvers;

interface LeaderItem {
  role: Props;
  link: Props;
  organization: Props | null;
}

export function chainLoaders() {
  return {
    IndustryChain: {
      leaders: batchedLoader('chain/list-leaders', (items: LeaderItem[]) =>
        items.map((item) => {
          const role = toEntity(item.role);
          return {
            role: role.name,
            holder: role.holder ?? null,
            organization: toEntityOrNull(item.organization),
            roleEntity: role,
            ...provenanceOf(item.link),
          };
        }),
      ),
    },
  };
}
