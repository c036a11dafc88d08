/**
 * Pairing coverage (结对覆盖率) of an area on a date, rolled up by child area: what the pairingCoverage
 * question, its byArea levels, area history and the coverage export all count with. One query answers
 * a level of areas and each one's child areas (its byArea) together, walking each area once
 * (cypher/coverage/compute-coverage.cypher); a coverage carries its children, so byArea asks nothing
 * more, and only a deeper level (byArea of byArea) is one more query for all that level's areas.
 */
import { type EntityObject, type Props, toEntity } from '../../graph/entity-mapper.ts';
import type { GraphStore } from '../../graph/graph-store.ts';
import { PAIRING_KINDS, type PairingKind } from '../../schema/model.ts';
import type { Page } from '../paging.ts';
import { areaNotFound, showSynthetic } from './areas.ts';

/** The page of unpaired villages every coverage carries with it (the field's default page). */
export const FIRST_UNPAIRED_PAGE: Page = { offset: 0, limit: 100 };

interface CoverageRow {
  parentId: string;
  /** 0: the area asked for; 1: one of its child areas. */
  level: number;
  area: Props;
  targets: number;
  paired: number;
  unpairedTotal: number;
  unpaired: Props[];
  /** Whether synthetic targets and pairings were counted (as asked; the query decides it for an area it looks up). */
  includeSynthetic: boolean;
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
  /** Its child areas' coverages (its byArea), when they were counted with it; else byArea asks for them. */
  byArea?: CoverageObject[];
}

/** What a coverage is counted with: the kind, the date, and whether synthetic data counts. */
export interface CoverageOptions {
  kind: PairingKind;
  asOf: string;
  includeSynthetic: boolean;
}

function toCoverage(row: CoverageRow, options: CoverageOptions): CoverageObject {
  return {
    area: toEntity(row.area),
    kind: options.kind,
    asOf: options.asOf,
    includeSynthetic: row.includeSynthetic,
    villages: row.targets,
    paired: row.paired,
    rate: row.targets === 0 ? null : row.paired / row.targets,
    unpairedTotal: row.unpairedTotal,
    unpairedFirstPage: row.unpaired,
  };
}

/**
 * The coverages of these areas, by id; with `withChildren`, each carrying its child areas' coverages
 * (byArea), counted in the same query (for a question that needs only the areas' own figures, leave it out).
 */
export async function computeCoverage(
  store: Pick<GraphStore, 'read'>,
  areaIds: string[],
  options: CoverageOptions & { page?: Page; withChildren?: boolean; identityOnly?: boolean },
): Promise<Map<string, CoverageObject>> {
  return coverages(store, { areaIds, area: null }, { ...options, includeSyntheticInSynthetic: options.includeSynthetic });
}

/**
 * The coverages of the areas by id, or of the one an area argument names (looked up in the same query);
 * `includeSynthetic` for a documented area, `includeSyntheticInSynthetic` for a synthetic one.
 */
async function coverages(
  store: Pick<GraphStore, 'read'>,
  areas: { areaIds: string[] | null; area: string | null },
  options: CoverageOptions & { includeSyntheticInSynthetic: boolean; page?: Page; withChildren?: boolean; identityOnly?: boolean },
): Promise<Map<string, CoverageObject>> {
  const page = options.page ?? FIRST_UNPAIRED_PAGE;
  const withChildren = options.withChildren ?? false;
  const full = !(options.identityOnly ?? false);
  const rows = await store.read<CoverageRow>('coverage/compute-coverage', {
    ...areas,
    withChildren,
    targetLabel: PAIRING_KINDS[options.kind].to[0],
    kind: options.kind,
    asOf: options.asOf,
    includeSynthetic: options.includeSynthetic,
    includeSyntheticInSynthetic: options.includeSyntheticInSynthetic,
    offset: page.offset,
    limit: page.limit,
    full,
  });
  // The rows come ordered by level, so each area's own row is there before its children's.
  const byArea = new Map<string, CoverageObject>();
  for (const row of rows) {
    const coverage = toCoverage(row, options);
    if (row.level === 0) byArea.set(row.parentId, withChildren ? { ...coverage, byArea: [] } : coverage);
    else byArea.get(row.parentId)?.byArea?.push(coverage);
  }
  return byArea;
}

/**
 * The coverage of one area, the area already found (the query answers a row for every area it is given);
 * with `withChildren`, carrying its byArea; with `identityOnly`, its areas and unpaired targets carry
 * only id, name, kind and synthetic (for a question that asks nothing more of them).
 */
export async function coverageOf(
  store: Pick<GraphStore, 'read'>,
  area: EntityObject,
  options: CoverageOptions & { withChildren?: boolean; identityOnly?: boolean },
): Promise<CoverageObject> {
  const coverage = (await computeCoverage(store, [area.id], options)).get(area.id);
  if (!coverage) throw new Error(`coverage of ${area.id}: the coverage query answered no row for it`);
  return coverage;
}

/**
 * The pairingCoverage question: the area named by id or name, on a checked date. `identityOnly`: the
 * question asks nothing of its areas and unpaired targets but their identity (server/resolvers/coverage.ts).
 */
export async function areaCoverage(
  store: Pick<GraphStore, 'read'>,
  args: { area: string; asOf: string; kind: PairingKind; includeSynthetic?: boolean | null },
  identityOnly = false,
): Promise<CoverageObject> {
  // The area is looked up in the same query, so the question is one round trip. Its byArea is counted
  // with it: the question is mostly asked with it, and it costs one walk either way.
  const found = await coverages(
    store,
    { areaIds: null, area: args.area },
    {
      kind: args.kind,
      asOf: args.asOf,
      includeSynthetic: showSynthetic(args, { synthetic: false }),
      includeSyntheticInSynthetic: showSynthetic(args, { synthetic: true }),
      withChildren: true,
      identityOnly,
    },
  );
  const [coverage] = found.values();
  if (!coverage) throw await areaNotFound(store, 'area', args.area);
  return coverage;
}

/** One page of a coverage's unpaired villages: the page it carries, else counted again for that page. */
export async function unpairedPage(
  store: Pick<GraphStore, 'read'>,
  coverage: CoverageObject,
  page: Page,
): Promise<{ items: Props[]; total: number }> {
  if (page.offset === FIRST_UNPAIRED_PAGE.offset && page.limit === FIRST_UNPAIRED_PAGE.limit) {
    return { items: coverage.unpairedFirstPage, total: coverage.unpairedTotal };
  }
  const again = (await computeCoverage(store, [coverage.area.id], { ...optionsOf(coverage), page })).get(coverage.area.id);
  return { items: again?.unpairedFirstPage ?? [], total: again?.unpairedTotal ?? 0 };
}

const optionsOf = ({ kind, asOf, includeSynthetic }: CoverageObject): CoverageOptions => ({ kind, asOf, includeSynthetic });

/**
 * The child coverages of each coverage (its byArea), in the order given: those it carries, else counted
 * now. Coverages counted alike (kind, date, synthetic) share one query, so a level of a roll-up costs at
 * most one round trip.
 */
export async function childCoverages(store: Pick<GraphStore, 'read'>, coverages: CoverageObject[]): Promise<CoverageObject[][]> {
  const groups = new Map<string, CoverageObject[]>();
  for (const coverage of coverages) {
    if (coverage.byArea) continue;
    const key = `${coverage.kind}|${coverage.asOf}|${coverage.includeSynthetic}`;
    groups.set(key, [...(groups.get(key) ?? []), coverage]);
  }
  const children = new Map<CoverageObject, CoverageObject[]>();
  for (const list of groups.values()) {
    const counted = await computeCoverage(
      store,
      list.map((c) => c.area.id),
      { ...optionsOf(list[0]!), withChildren: true },
    );
    for (const coverage of list) children.set(coverage, counted.get(coverage.area.id)?.byArea ?? []);
  }
  return coverages.map((coverage) => coverage.byArea ?? children.get(coverage) ?? []);
}

/** An area's coverage and every level below it (at most `depth` levels), each with its level (0: the area). */
export async function coverageRollup(
  store: Pick<GraphStore, 'read'>,
  area: EntityObject,
  options: CoverageOptions,
  depth = 6,
): Promise<{ level: number; coverage: CoverageObject }[]> {
  const rows: { level: number; coverage: CoverageObject }[] = [];
  let level: CoverageObject[] = [await coverageOf(store, area, { ...options, withChildren: true })];
  for (let i = 0; level.length > 0 && i < depth; i += 1) {
    const children = await childCoverages(store, level);
    for (const coverage of level) rows.push({ level: i, coverage });
    level = children.flat();
  }
  return rows;
}
