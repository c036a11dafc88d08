/**
 * The viewer's city overview (issue #19): a whole city or district in one request, every entity placed
 * in its district and 街道 with the groups' counts, so the overview lens can draw 20,000 entities as
 * folded groups; and the size of a neighbourhood per depth, so the network lens can warn before it
 * draws thousands of nodes (issue #20).
 */
import { notFound } from '../../graph/errors.ts';
import { isKind, KINDS } from '../../schema/model.ts';
import { dateArg, intInRange, relationshipTypesArg } from '../args.ts';
import type { Resolvers } from '../generated/graphql.ts';
import { findArea, showSynthetic } from '../services/areas.ts';

interface GroupedRow {
  id: string;
  label: string;
  kind: string;
  synthetic: boolean;
  subdistrict: string | null;
  district: string | null;
}
interface EdgeRow {
  id: string;
  source: string;
  target: string;
  label: string;
  status: string | null;
}

export interface OverviewGroupObject {
  id: string;
  name: string;
  kind: 'District' | 'Subdistrict';
  parent: string | null;
  synthetic: boolean;
  nodes: number;
  organizations: number;
  places: number;
  villages: number;
  edges: number;
}

const categoryOf = (kind: string) => (isKind(kind) ? KINDS[kind].category : 'Place');

/**
 * Each entity's group: its 街道 when it lies in one, else its district, else none; a 街道's own place
 * is its group's box, drawn inside its district, and a district's place is the top of its box.
 */
function parentOf(row: GroupedRow, groupIds: Set<string>): string | null {
  if (row.kind === 'District') return null;
  if (row.kind === 'Subdistrict') return row.district && groupIds.has(row.district) ? row.district : null;
  if (row.subdistrict && groupIds.has(row.subdistrict)) return row.subdistrict;
  return row.district && groupIds.has(row.district) ? row.district : null;
}

/** Groups, nodes placed in them, and the edges whose two ends are both returned. */
export function groupOverview(rows: GroupedRow[], edgeRows: EdgeRow[]) {
  const groupRows = rows.filter((r) => r.kind === 'District' || r.kind === 'Subdistrict');
  const groupIds = new Set(groupRows.map((r) => r.id));
  const parents = new Map(rows.map((r) => [r.id, parentOf(r, groupIds)]));
  const groups = new Map<string, OverviewGroupObject>(
    groupRows.map((r) => [
      r.id,
      {
        id: r.id,
        name: r.label,
        kind: r.kind as 'District' | 'Subdistrict',
        parent: parents.get(r.id) ?? null,
        synthetic: r.synthetic,
        nodes: 0,
        organizations: 0,
        places: 0,
        villages: 0,
        edges: 0,
      },
    ]),
  );
  /** The group and the groups it lies in (a 街道, then its district). */
  const chainOf = (id: string): OverviewGroupObject[] => {
    const chain: OverviewGroupObject[] = [];
    for (let g = parents.get(id); g; g = groups.get(g)?.parent ?? null) chain.push(groups.get(g)!);
    return chain;
  };
  for (const row of rows) {
    for (const group of chainOf(row.id)) {
      group.nodes += 1;
      const category = categoryOf(row.kind);
      if (category === 'Organization') group.organizations += 1;
      if (category === 'Place') group.places += 1;
      if (row.kind === 'Village') group.villages += 1;
    }
  }
  const seen = new Set<string>();
  const edges = edgeRows.filter((e) => parents.has(e.source) && parents.has(e.target) && !seen.has(e.id) && seen.add(e.id));
  for (const edge of edges) {
    const around = new Set(chainOf(edge.source).map((g) => g.id));
    for (const group of chainOf(edge.target)) if (around.has(group.id)) group.edges += 1;
  }
  return {
    groups: [...groups.values()].sort((a, b) => (a.parent ?? '').localeCompare(b.parent ?? '') || a.id.localeCompare(b.id)),
    nodes: rows.map((r) => ({
      data: {
        id: r.id,
        label: r.label,
        kind: r.kind,
        category: categoryOf(r.kind),
        synthetic: r.synthetic,
        parent: parents.get(r.id) ?? null,
      },
    })),
    edges: edges.map((e) => ({ data: e })),
  };
}

export const overviewResolvers = {
  Query: {
    cityOverview: async (_root, args: { area: string; includeSynthetic: boolean; limit: number; asOf?: string | null }, { app }) => {
      const limit = intInRange('limit', args.limit, 1, 30_000);
      const asOf = dateArg('asOf', args.asOf);
      const area = await findArea(app.store, 'area', args.area);
      // The area's entities as every read by area decides them (the audit lens, the change log, exports).
      const [scope] = await app.store.read<{ ids: string[] }>('entity/list-area-scope', { areaId: area.id });
      const ids = scope?.ids ?? [area.id];
      const rows = await app.store.read<GroupedRow>('overview/group-nodes', {
        ids,
        includeSynthetic: showSynthetic(args, area),
        limit: limit + 1,
      });
      const kept = rows.slice(0, limit);
      const edgeRows = await app.store.read<EdgeRow>('overview/list-edges', { ids: kept.map((r) => r.id), asOf });
      return { area, ...groupOverview(kept, edgeRows), truncated: rows.length > limit };
    },
    neighbourhoodSize: async (_root, args: { id: string; relationships?: string[] | null; limit: number }, { app }) => {
      const [row] = await app.store.read<{ depth1: number; depth2: number; depth3: number }>('overview/count-neighbourhood', {
        id: args.id,
        types: relationshipTypesArg('relationships', args.relationships),
        limit: intInRange('limit', args.limit, 1, 5000),
      });
      if (!row) throw notFound('id', args.id);
      return row;
    },
  },
} satisfies Resolvers;
