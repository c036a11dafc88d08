/** The 街道 ranking (subdistrictRanking): the GraphQL adapter over services/ranking.ts. */

import type { Resolvers } from '../generated/graphql.ts';
import { rankSubdistricts } from '../services/ranking.ts';

export const rankingResolvers = {
  Query: {
    subdistrictRanking: (_root, args, { app }) => rankSubdistricts(app.store, args),
  },
} satisfies Resolvers;
