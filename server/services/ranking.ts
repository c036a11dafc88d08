/**
 * The 街道 ranking: every subdistrict within an area (济南市 for the whole city) with its pairing
 * coverage per kind, in one query (cypher/ranking/rank-subdistricts.cypher). The counting is the
 * fragment pairingCoverage uses (cypher/fragments/target-coverage.cypher), so a row always matches
 * pairingCoverage for that subdistrict and kind.
 */
import { type EntityObject, type Props, toEntity } from '../../graph/entity-mapper.ts';
import type { GraphStore } from '../../graph/graph-store.ts';
import { PAIRING_KINDS, type PairingKind } from '../../schema/model.ts';
import { dateArg } from '../args.ts';
import { findArea, showSynthetic } from './areas.ts';

interface RankRow {
  subdistrict: Props;
  district: Props | null;
  byKind: { kind: PairingKind; targets: number; paired: number }[];
}

export interface KindCoverageObject {
  kind: PairingKind;
  targets: number;
  paired: number;
  unpaired: number;
  rate: number | null;
}

export interface SubdistrictRankObject {
  subdistrict: EntityObject;
  district: EntityObject | null;
  byKind: KindCoverageObject[];
}

const KIND_ORDER = Object.keys(PAIRING_KINDS) as PairingKind[];
/** The kind the ranking is ordered by: enterprise–village pairing (企业联村), the headline figure of the reports. */
const RANK_KIND: PairingKind = 'EnterpriseVillage';

const rateOf = (c: KindCoverageObject | undefined) => (c?.rate == null ? Number.POSITIVE_INFINITY : c.rate);

/** Lowest enterprise–village rate first; subdistricts without villages last; then by district and name. */
export function compareRanks(a: SubdistrictRankObject, b: SubdistrictRankObject): number {
  const ka = a.byKind.find((c) => c.kind === RANK_KIND);
  const kb = b.byKind.find((c) => c.kind === RANK_KIND);
  return (
    rateOf(ka) - rateOf(kb) ||
    (a.district?.name ?? '').localeCompare(b.district?.name ?? '', 'zh-CN') ||
    a.subdistrict.name.localeCompare(b.subdistrict.name, 'zh-CN') ||
    a.subdistrict.id.localeCompare(b.subdistrict.id)
  );
}

export async function rankSubdistricts(
  store: Pick<GraphStore, 'read'>,
  args: { area: string; asOf?: string | null; includeSynthetic?: boolean | null },
): Promise<SubdistrictRankObject[]> {
  const asOf = dateArg('asOf', args.asOf);
  const area = await findArea(store, 'area', args.area);
  const rows = await store.read<RankRow>('ranking/rank-subdistricts', {
    areaId: area.id,
    kinds: KIND_ORDER.map((kind) => ({ kind, targetLabel: PAIRING_KINDS[kind].to[0] })),
    asOf,
    includeSynthetic: showSynthetic(args, area),
  });
  return rows
    .map((row) => ({
      subdistrict: toEntity(row.subdistrict),
      district: row.district ? toEntity(row.district) : null,
      byKind: KIND_ORDER.map((kind) => {
        const found = row.byKind.find((c) => c.kind === kind);
        const targets = Number(found?.targets ?? 0);
        const paired = Number(found?.paired ?? 0);
        return { kind, targets, paired, unpaired: targets - paired, rate: targets === 0 ? null : paired / targets };
      }),
    }))
    .sort(compareRanks);
}
