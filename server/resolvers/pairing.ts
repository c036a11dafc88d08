/** Pairings (结对) of the three kinds, with filters and validity intervals. */
import { dateArg, optionalDateArg } from '../args.ts';
import { batchedLoader } from '../batched.ts';
import type { Resolvers } from '../generated/graphql.ts';
import { connection, pageArgs } from '../paging.ts';
import { findPairings, getPairing, isActiveOn, type PairingRow, pairingObject } from '../services/pairings.ts';

export const pairingResolvers = {
  Query: {
    pairings: async (_root, args, { app }) => {
      const page = pageArgs(args);
      const { total, items } = await findPairings(app.store, args, page);
      return connection(items, total, page);
    },
    pairing: (_root, { id }, { app }) => getPairing(app.store, id),
  },
  Pairing: {
    activeOn: (pairing, { date }) => isActiveOn(pairing, dateArg('date', date)),
  },
} satisfies Resolvers;

export function pairingLoaders() {
  const pairingsOf = batchedLoader(
    'pairing/list-pairings-of',
    (items: PairingRow[]) => items.map(pairingObject),
    (params: { kind?: string | null; activeOn?: string | null }) => ({
      kind: params.kind ?? null,
      activeOn: optionalDateArg('activeOn', params.activeOn),
    }),
  );
  return { Place: { pairings: pairingsOf }, Unit: { pairings: pairingsOf } };
}
