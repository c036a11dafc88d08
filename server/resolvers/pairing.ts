/** Pairings (结对) of the three kinds, with filters and validity intervals. */
import type { IResolvers } from 'mercurius';
import { type Props, provenanceOf, toEntity } from '../../graph/entity-mapper.ts';
import { dateArg, optionalDateArg } from '../args.ts';
import { batchedLoader } from '../batched.ts';
import { connection, pageArgs } from '../paging.ts';
import { findArea, showSynthetic } from '../services/areas.ts';

export interface PairingRow {
  pairing: Props;
  partner: Props;
  target: Props;
}

export function pairingObject({ pairing, partner, target }: PairingRow) {
  return {
    id: String(pairing.id),
    kind: String(pairing.kind),
    partner: toEntity(partner),
    target: toEntity(target),
    programme: (pairing.programme as string | undefined) ?? null,
    status: String(pairing.status ?? (pairing.validTo ? 'ended' : 'active')),
    validFrom: (pairing.validFrom as string | undefined) ?? null,
    validTo: (pairing.validTo as string | undefined) ?? null,
    reason: (pairing.reason as string | undefined) ?? null,
    replaces: (pairing.replaces as string | undefined) ?? null,
    ...provenanceOf(pairing),
    synthetic: pairing.synthetic === true,
  };
}

export type PairingObject = ReturnType<typeof pairingObject>;

export const isActiveOn = (p: Pick<PairingObject, 'validFrom' | 'validTo'>, date: string) =>
  (p.validFrom ?? '0000-01-01') <= date && (p.validTo == null || p.validTo >= date);

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
      const [row] = await app.store.read<{ total: number; items: PairingRow[] }>('pairing/list-pairings', {
        areaId: area?.id ?? null,
        entityId: args.entity ?? null,
        kind: args.kind ?? null,
        programme: args.programme ?? null,
        status: args.status ?? null,
        activeOn: optionalDateArg('activeOn', args.activeOn),
        includeSynthetic: showSynthetic(args, area),
        offset: page.offset,
        limit: page.limit,
      });
      return connection((row?.items ?? []).map(pairingObject), row?.total ?? 0, page);
    },
    pairing: async (_root, { id }: { id: string }, { app }) => {
      const [row] = await app.store.read<PairingRow>('pairing/get-pairing', { id });
      return row ? pairingObject(row) : null;
    },
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
