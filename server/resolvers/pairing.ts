/** Pairings (结对) of the three kinds, with filters and validity intervals. */
import type { IResolvers } from 'mercurius';
import { dateArg, optionalDateArg } from '../args.ts';
import { batchedLoader } from '../batched.ts';
import { connection, pageArgs } from '../paging.ts';
import { findArea, showSynthetic } from '../services/areas.ts';
import { getPairing, isActiveOn, listPairings, type PairingObject, type PairingRow, pairingObject } from '../services/pairings.ts';

export const pairingResolvers: IResolvers = {
  Query: {
    pairings: async (
      _root,
      args: {
        area?: string;
        kind?: string;
        programme?: string;
        status?: string;
        activeOn?: string;
        entity?: string;
        includeSynthetic?: boolean;
        first?: number;
        after?: string;
      },
      { app },
    ) => {
      const page = pageArgs(args);
      const area = args.area == null ? null : await findArea(app.store, 'area', args.area);
      const { total, items } = await listPairings(
        app.store,
        {
          areaId: area?.id ?? null,
          entityId: args.entity ?? null,
          kind: args.kind ?? null,
          programme: args.programme ?? null,
          status: args.status ?? null,
          activeOn: optionalDateArg('activeOn', args.activeOn),
          includeSynthetic: showSynthetic(args, area),
        },
        page,
      );
      return connection(items, total, page);
    },
    pairing: (_root, { id }: { id: string }, { app }) => getPairing(app.store, id),
  },
  Pairing: {
    activeOn: (pairing: PairingObject, { date }: { date?: string | null }) => isActiveOn(pairing, dateArg('date', date)),
  },
};

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
