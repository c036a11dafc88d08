/**
 * Relationship-shaped fields (an organization's children, a place's parent, a chain's enterprises …)
 * declared as data and served by Mercurius loaders: all parents asking the same field with the same
 * arguments are answered by one `UNWIND $ids` query, so a nested GraphQL query costs one round trip
 * per level, never one per parent.
 */
import type { MercuriusContext } from 'mercurius';
import { type EntityObject, type Props, provenanceOf, toEntity } from '../graph/entity-mapper.ts';
import { type Category, type Kind, kindsOfCategory, RELATIONSHIP_TYPES, type RelationshipType } from '../schema/model.ts';
import { kindsArg } from './args.ts';
import { connection, cursorAt, type Page, pageArgs } from './paging.ts';

type Shape = 'single' | 'list' | 'connection' | 'edge';

/**
 * The most items a plain (unpaged) related list answers: each is a handful in the model (the places
 * an organization sits in, the organizations governing a place …), and the request cost rule
 * (server/query-cost.ts) prices such a list at this size.
 */
export const RELATED_LIST_MAX = 50;

export interface RelatedField {
  direction: 'out' | 'in';
  types: RelationshipType[];
  /** Only entities of these kinds (fixed by the field's meaning). */
  kinds?: Kind[];
  shape: Shape;
  /** The field takes a user `kinds` argument, intersected with `kinds`. */
  userKinds?: boolean;
  /** For a plain list: the most items it answers, when fewer than RELATED_LIST_MAX. */
  max?: number;
}

// The kinds of each category, as the model lists them (schema/model.ts kindsOfCategory). Lists once kept
// here by hand left out 网格党支部, 专项小组, 物业服务企业 and 业主委员会: stored, never shown under their
// parent or inside their place.
const ORG_KINDS = kindsOfCategory('Organization');
const UNIT_KINDS = kindsOfCategory('Unit');
const PLACE_KINDS = kindsOfCategory('Place');
const CHAIN_KINDS = kindsOfCategory('IndustryChain');

/** The relationship-shaped fields of every type. */

export const RELATED_FIELDS: Record<string, Record<string, RelatedField>> = {
  Organization: {
    parent: { direction: 'out', types: ['REPORTS_TO'], shape: 'single' },
    parentLink: { direction: 'out', types: ['REPORTS_TO'], shape: 'edge' },
    children: { direction: 'in', types: ['REPORTS_TO'], kinds: ORG_KINDS, shape: 'connection', userKinds: true },
    covers: { direction: 'out', types: ['COVERS', 'GOVERNS'], shape: 'connection', userKinds: true },
    locatedIn: { direction: 'out', types: ['LOCATED_IN'], shape: 'list' },
    alliances: { direction: 'out', types: ['LEADS', 'MEMBER_OF'], kinds: ['Alliance'], shape: 'list' },
    chainsLed: { direction: 'out', types: ['LEADS'], kinds: CHAIN_KINDS, shape: 'list' },
    units: { direction: 'out', types: ['PARTY_ORGANIZATION_OF', 'HOSTED_BY'], shape: 'list' },
    sites: { direction: 'out', types: ['RUNS'], shape: 'list' },
  },
  Alliance: {
    members: { direction: 'in', types: ['MEMBER_OF'], shape: 'connection' },
    ledBy: { direction: 'in', types: ['LEADS'], kinds: ORG_KINDS, shape: 'list' },
    covers: { direction: 'out', types: ['COVERS', 'LOCATED_IN'], shape: 'list' },
  },
  Place: {
    parent: { direction: 'out', types: ['PART_OF'], shape: 'single' },
    children: { direction: 'in', types: ['PART_OF'], kinds: PLACE_KINDS, shape: 'connection', userKinds: true },
    governedBy: { direction: 'in', types: ['GOVERNS'], shape: 'list' },
    coveredBy: { direction: 'in', types: ['COVERS'], shape: 'list' },
    alliances: { direction: 'out', types: ['MEMBER_OF'], shape: 'list' },
    organizationsInside: { direction: 'in', types: ['LOCATED_IN'], kinds: ORG_KINDS, shape: 'list' },
    unitsInside: { direction: 'in', types: ['LOCATED_IN'], kinds: UNIT_KINDS, shape: 'connection' },
    sites: { direction: 'in', types: ['LOCATED_IN'], kinds: ['ServiceSite'], shape: 'list' },
  },
  Unit: {
    locatedIn: { direction: 'out', types: ['LOCATED_IN'], shape: 'list' },
    chains: { direction: 'out', types: ['ON_CHAIN'], shape: 'list' },
    partyOrganizations: { direction: 'in', types: ['PARTY_ORGANIZATION_OF', 'HOSTED_BY'], shape: 'list' },
  },
  ServiceSite: {
    locatedIn: { direction: 'out', types: ['LOCATED_IN'], shape: 'list' },
    runBy: { direction: 'in', types: ['RUNS'], shape: 'list' },
  },
  IndustryChain: {
    parentChain: { direction: 'out', types: ['SUB_CHAIN_OF'], shape: 'single' },
    subChains: { direction: 'in', types: ['SUB_CHAIN_OF'], shape: 'list', max: 20 },
    partyBuildingLeads: { direction: 'in', types: ['LEADS'], kinds: ORG_KINDS, shape: 'list' },
    enterprises: { direction: 'in', types: ['ON_CHAIN'], shape: 'connection' },
  },
  LeadershipRole: {
    organization: { direction: 'out', types: ['HELD_WITHIN'], shape: 'single' },
    leads: { direction: 'out', types: ['LEADS'], shape: 'list' },
  },
};

/**
 * The category of the entities at the far end of the field, when the model fixes it: every type of the
 * field ends there in that one category (schema/model.ts RELATIONSHIP_TYPES: ON_CHAIN starts at a Unit,
 * so a chain's enterprises are units). Every door that writes relationships refuses an end the model
 * does not allow (graph/write-rules.ts relationshipEnd: the seed, graph.json import, restore, the
 * synthetic generator; mutations and spreadsheet imports write only types whose ends they check), so
 * the loader and the compiled read path both match the far end by this category's label, and the
 * compiled query takes the item's type from it (no `kind` read when `kind` is not asked). Null: the
 * ends may be of several categories.
 */
export function farCategory(field: RelatedField): Category | null {
  const ends = new Set(field.types.flatMap((type) => RELATIONSHIP_TYPES[type][field.direction === 'in' ? 'from' : 'to']));
  const [only] = ends;
  return ends.size === 1 && only ? only : null;
}

export interface RelatedItem {
  node: Props;
  link: Props;
  type: string;
}

interface LoaderQuery {
  obj: EntityObject;
  params: { kinds?: string[] | null; first?: number | null; after?: string | null };
}

export function effectiveKinds(field: RelatedField, params: LoaderQuery['params']): string[] | null {
  const asked = field.userKinds ? kindsArg('kinds', params.kinds) : null;
  if (!field.kinds) return asked;
  return asked ? field.kinds.filter((k) => asked.includes(k)) : field.kinds;
}

/**
 * The field's answer in its GraphQL shape. `entityOf` makes the object for an item (the compiled read
 * path, server/compiled/, attaches what it already fetched for the item's own fields).
 */
export function shapeResult(
  field: RelatedField,
  found: { total: number; items: RelatedItem[] } | undefined,
  page: Page,
  entityOf: (item: RelatedItem) => EntityObject = (item) => toEntity(item.node),
) {
  const items = found?.items ?? [];
  const total = found?.total ?? 0;
  const nodes = items.map(entityOf);
  const edgeOf = (item: RelatedItem, i: number, cursor: string) => ({
    cursor,
    node: nodes[i],
    relationship: item.type,
    ...provenanceOf(item.link),
  });
  switch (field.shape) {
    case 'single':
      return nodes[0] ?? null;
    case 'edge':
      return items[0] ? edgeOf(items[0], 0, '') : null;
    case 'list':
      return nodes;
    case 'connection': {
      const base = connection(nodes, total, page);
      // Made when read: most questions ask for the nodes only.
      let edges: ReturnType<typeof edgeOf>[] | undefined;
      return {
        ...base,
        get edges() {
          edges ??= items.map((item, i) => edgeOf(item, i, cursorAt(page, i)));
          return edges;
        },
      };
    }
  }
}

/** One Mercurius loader for one relationship-shaped field. */
export function relatedLoader(field: RelatedField) {
  return async (queries: LoaderQuery[], { app }: MercuriusContext) => {
    // Parents asking with the same arguments share one query.
    const groups = new Map<string, { kinds: string[] | null; page: Page; indexes: number[] }>();
    queries.forEach((query, index) => {
      const kinds = effectiveKinds(field, query.params);
      const page = field.shape === 'connection' ? pageArgs(query.params) : { offset: 0, limit: field.max ?? RELATED_LIST_MAX };
      const key = JSON.stringify([kinds, page]);
      const group = groups.get(key) ?? { kinds, page, indexes: [] };
      group.indexes.push(index);
      groups.set(key, group);
    });
    const results: unknown[] = new Array(queries.length);
    await Promise.all(
      [...groups.values()].map(async ({ kinds, page, indexes }) => {
        const ids = [...new Set(indexes.map((i) => queries[i]!.obj.id))];
        const rows = await app.store.read<{ id: string; total: number; items: RelatedItem[] }>(`entity/list-related-${field.direction}`, {
          ids,
          types: field.types,
          // The far end's category (farCategory): matched by its label, as the compiled read path does.
          label: farCategory(field) ?? 'Entity',
          kinds,
          offset: page.offset,
          limit: page.limit,
        });
        const byId = new Map(rows.map((r) => [r.id, r]));
        for (const i of indexes) results[i] = shapeResult(field, byId.get(queries[i]!.obj.id), page);
      }),
    );
    return results;
  };
}

/** Loaders for every field in RELATED_FIELDS, in Mercurius's `loaders` shape. */
export function relatedLoaders() {
  return Object.fromEntries(
    Object.entries(RELATED_FIELDS).map(([type, fields]) => [
      type,
      Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, relatedLoader(field)])),
    ]),
  );
}
