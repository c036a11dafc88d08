/**
 * Looking an entity up by a name a person typed: an area argument (a place, organization or alliance
 * named by id or exact name), or organization(id:|name:) and place(id:|name:). A miss answers NOT_FOUND with the
 * closest names, so a trailing space or a missing 联合 is told apart from "nothing there".
 */

import type { QueryName } from '../../graph/cypher-queries.ts';
import { type EntityObject, type Props, toEntity } from '../../graph/entity-mapper.ts';
import { ApiError, badInput } from '../../graph/errors.ts';
import type { GraphStore } from '../../graph/graph-store.ts';
import { type Page, pageArgs } from '../paging.ts';
import { fullTextQuery } from '../search-text.ts';

const AREA_CATEGORIES = ['Place', 'Organization', 'Alliance'];
const CLOSEST = 5;

/** The names closest to `text` among entities of these categories (at most five; [] when none). */
export async function closestNames(store: Pick<GraphStore, 'read'>, text: string, categories: string[]): Promise<string[]> {
  const query = fullTextQuery(text);
  if (query === '') return [];
  const rows = await store.read<{ name: string }>('search/closest-names', { query, categories, limit: CLOSEST });
  return rows.map((r) => r.name);
}

/** NOT_FOUND for a name, naming the argument and, in the message and `extensions.closest`, the closest names. */
export async function nameNotFound(store: Pick<GraphStore, 'read'>, field: string, text: string, categories: string[]): Promise<ApiError> {
  const closest = await closestNames(store, text, categories);
  const hint = closest.length > 0 ? `; closest: ${closest.join(', ')}` : '';
  return new ApiError('NOT_FOUND', `${field}: nothing found for "${text}"${hint}`, { field, closest });
}

/** NOT_FOUND for an area argument that names no place, organization or alliance, with the closest names. */
export const areaNotFound = (store: Pick<GraphStore, 'read'>, field: string, area: string) =>
  nameNotFound(store, field, area, AREA_CATEGORIES);

export async function findArea(store: Pick<GraphStore, 'read'>, field: string, area: string): Promise<EntityObject> {
  const [row] = await store.read<{ node: Props }>('entity/find-area', { area });
  if (!row) throw await areaNotFound(store, field, area);
  return toEntity(row.node);
}

/**
 * Whether an answer shows synthetic data (合成·, from npm run generate): only when the question asks
 * (`includeSynthetic: true`, false by default on every question) or is about a synthetic area. Decided
 * here for every question; each query takes it as `$includeSynthetic` and keeps a node or pairing x
 * only when `$includeSynthetic OR NOT x.synthetic`.
 */
export function showSynthetic(args: { includeSynthetic?: boolean | null }, area?: Pick<EntityObject, 'synthetic'> | null): boolean {
  return args.includeSynthetic === true || area?.synthetic === true;
}

/** The one of `id`/`name` that was given, or a BAD_USER_INPUT naming both. */
export function idOrName(args: { id?: string | null; name?: string | null }): { id: string } | { name: string } {
  if (args.id != null && args.name != null) throw badInput('id', 'give either id or name, not both');
  if (args.id != null) return { id: args.id };
  if (args.name != null) return { name: args.name };
  throw badInput('id', 'give id or name');
}

/** Looks an entity of one category up by id (null when none) or exact name (NOT_FOUND with the closest names when none). */
export async function findByIdOrName(
  store: Pick<GraphStore, 'read'>,
  category: string,
  args: { id?: string | null; name?: string | null },
): Promise<EntityObject | null> {
  const key = idOrName(args);
  if ('id' in key) {
    const [row] = await store.read<{ node: Props }>('entity/get-entities', { ids: [key.id] });
    return row && toEntity(row.node).__typename === category ? toEntity(row.node) : null;
  }
  const [row] = await store.read<{ node: Props }>('entity/find-by-name', { name: key.name, category });
  if (!row) throw await nameNotFound(store, 'name', key.name, [category]);
  return toEntity(row.node);
}

/**
 * A question's optional area (by id or exact name; none: the whole graph), found, and whether its answer
 * shows synthetic data (showSynthetic: asked for, or the area is synthetic).
 */
export async function optionalArea(
  store: Pick<GraphStore, 'read'>,
  args: { area?: string | null; includeSynthetic?: boolean | null },
): Promise<{ area: EntityObject | null; includeSynthetic: boolean }> {
  const area = args.area == null ? null : await findArea(store, 'area', args.area);
  return { area, includeSynthetic: showSynthetic(args, area) };
}

/** The arguments every list narrowed to an area takes: the area (by id or name; none: the whole graph) and a page. */
export interface AreaListArgs {
  area?: string | null;
  includeSynthetic?: boolean | null;
  first?: number | null;
  after?: string | null;
}

/**
 * One page of a list query narrowed to an area (organizations, buildings), with the total: the query
 * takes `$areaId` (null: everywhere), `$includeSynthetic`, `$offset`, `$limit` and its own `params`, and
 * returns one row { total, items }.
 */
export async function pageInArea(
  store: Pick<GraphStore, 'read' | 'readByName'>,
  name: QueryName,
  args: AreaListArgs,
  params: Record<string, unknown> = {},
): Promise<{ items: Props[]; total: number; page: Page }> {
  const page = pageArgs(args);
  const { area, includeSynthetic } = await optionalArea(store, args);
  const [row] = await store.readByName<{ total: number; items: Props[] }>(name, {
    ...params,
    areaId: area?.id ?? null,
    includeSynthetic,
    offset: page.offset,
    limit: page.limit,
  });
  return { items: row?.items ?? [], total: row?.total ?? 0, page };
}
