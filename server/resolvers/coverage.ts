/**
 * Pairing coverage (结对覆盖率) of an area on a date, rolled up by child area. A level of byArea is one
 * query for all the coverages at that level (children are found and counted in the same query).
 */
import type { IResolvers, MercuriusContext } from 'mercurius';
import { type EntityObject, type Props, toEntity } from '../../graph/entity-mapper.ts';
import type { GraphStore } from '../../graph/graph-store.ts';
import { PAIRING_KINDS, type PairingKind } from '../../schema/model.ts';
import { dateArg } from '../args.ts';
import { type Page, pageArgs } from '../paging.ts';
import { findArea, showSynthetic } from '../services/areas.ts';
import { entityConnection } from './organization.ts';

const DEFAULT_PAGE: Page = { offset: 0, limit: 100 };

interface CoverageRow {
  parentId: string;
  area: Props;
  targets: number;
  paired: number;
  unpairedTotal: number;
  unpaired: Props[];
}

export interface CoverageObject {
  area: EntityObject;
  kind: PairingKind;
  asOf: string;
  includeSynthetic: boolean;
  villages: number;
  paired: number;
  rate: number | null;
  unpairedTotal: number;
  unpairedFirstPage: Props[];
}

function toCoverage(row: CoverageRow, kind: PairingKind, asOf: string, includeSynthetic: boolean): CoverageObject {
  return {
    area: toEntity(row.area),
    kind,
    asOf,
    includeSynthetic,
    villages: row.targets,
    paired: row.paired,
    rate: row.targets === 0 ? null : row.paired / row.targets,
    unpairedTotal: row.unpairedTotal,
    unpairedFirstPage: row.unpaired,
  };
}

export async function computeCoverage(
  store: Pick<GraphStore, 'read'>,
  areaIds: string[],
  options: { children: boolean; kind: PairingKind; asOf: string; includeSynthetic: boolean; page?: Page },
): Promise<Map<string, CoverageObject[]>> {
  const page = options.page ?? DEFAULT_PAGE;
  const rows = await store.read<CoverageRow>('coverage/compute-coverage', {
    areaIds,
    children: options.children,
    targetLabel: PAIRING_KINDS[options.kind].to[0],
    kind: options.kind,
    asOf: options.asOf,
    includeSynthetic: options.includeSynthetic,
    offset: page.offset,
    limit: page.limit,
  });
  const byParent = new Map<string, CoverageObject[]>();
  for (const row of rows) {
    const list = byParent.get(row.parentId) ?? [];
    list.push(toCoverage(row, options.kind, options.asOf, options.includeSynthetic));
    byParent.set(row.parentId, list);
  }
  return byParent;
}

export const coverageResolvers: IResolvers = {
  Query: {
    pairingCoverage: async (
      _root,
      args: { area: string; asOf?: string | null; kind: PairingKind; includeSynthetic?: boolean },
      { app },
    ) => {
      const asOf = dateArg('asOf', args.asOf);
      const area = await findArea(app.store, 'area', args.area);
      const includeSynthetic = showSynthetic(args, area);
      const result = await computeCoverage(app.store, [area.id], { children: false, kind: args.kind, asOf, includeSynthetic });
      return result.get(area.id)?.[0];
    },
  },
  Coverage: {
    unpaired: async (coverage: CoverageObject, args: { first?: number; after?: string }, { app }) => {
      const page = pageArgs(args);
      if (page.offset === DEFAULT_PAGE.offset && page.limit === DEFAULT_PAGE.limit) {
        return entityConnection(coverage.unpairedFirstPage, coverage.unpairedTotal, page, 'PART_OF');
      }
      const result = await computeCoverage(app.store, [coverage.area.id], {
        children: false,
        kind: coverage.kind,
        asOf: coverage.asOf,
        includeSynthetic: coverage.includeSynthetic,
        page,
      });
      const again = result.get(coverage.area.id)?.[0];
      return entityConnection(again?.unpairedFirstPage ?? [], again?.unpairedTotal ?? 0, page, 'PART_OF');
    },
  },
};

export function coverageLoaders() {
  return {
    Coverage: {
      byArea: async (queries: { obj: CoverageObject }[], { app }: MercuriusContext) => {
        // Coverages at one level are grouped by kind, date and whether synthetic data counts.
        const groups = new Map<string, CoverageObject[]>();
        for (const { obj } of queries) {
          const key = `${obj.kind}|${obj.asOf}|${obj.includeSynthetic}`;
          groups.set(key, [...(groups.get(key) ?? []), obj]);
        }
        const children = new Map<CoverageObject, CoverageObject[]>();
        for (const list of groups.values()) {
          const { kind, asOf, includeSynthetic } = list[0]!;
          const byParent = await computeCoverage(
            app.store,
            list.map((c) => c.area.id),
            { children: true, kind, asOf, includeSynthetic },
          );
          for (const coverage of list) children.set(coverage, byParent.get(coverage.area.id) ?? []);
        }
        return queries.map(({ obj }) => children.get(obj) ?? []);
      },
    },
  };
}
