/**
 * Hand-written field fragments (cypher/fields/<Type>.<field>.cypher, read and checked at start by
 * graph/cypher-queries.ts) in the compiled read path: for a field served by a batched loader, the
 * fragment is embedded in place of the loader's own query when it answers the same columns, so the
 * loader still shapes the answer (loader-fields.ts) but the database projects only what was asked and
 * walks only as deep as asked. The rule both follow is a shared fragment (cypher/fragments/) that
 * the loader's query and the field fragment each `// @use`.
 *
 * A fragment marks each node or relationship it hands back with `@project(v: spec)`; the spec says
 * which parts of the field's selection read `v`, `|` between them:
 *
 *   nodes | edges.node                  the entity selections at those paths (their asked properties,
 *                                       as planEntity plans them; every property when `properties` is
 *                                       asked; identity too when a field under them resolves itself)
 *   edges.sources=sourceDocuments+sourceQuotes   these stored properties when that field is asked
 *
 * Nothing asked of `v`: an empty map (the loader's shaping reads none of it).
 */
import { type FieldFragment, loadFieldFragments, PROJECT_MARK } from '../../graph/cypher-queries.ts';
import type { EmbeddedQuery, Projection } from './plan.ts';

/** One item of a `@project` spec: a path of field names, and the properties it reads (null: an entity selection). */
export interface ProjectItem {
  path: string[];
  props: string[] | null;
}

/** The `@project` marks of a field fragment, variable → spec items. */
export function projectSpecs(fragment: FieldFragment): Map<string, ProjectItem[]> {
  const specs = new Map<string, ProjectItem[]>();
  for (const [, v, spec] of fragment.body.matchAll(PROJECT_MARK)) {
    const items = spec!.split('|').map((item): ProjectItem => {
      const [path = '', props] = item.trim().split('=');
      return { path: path.split('.'), props: props === undefined ? null : props.split('+') };
    });
    specs.set(v!, [...(specs.get(v!) ?? []), ...items]);
  }
  return specs;
}

/** Whether `value` may be spliced as the fragment's bound `name`: an integer in the range its header declares. */
function inBound(fragment: FieldFragment, name: string, value: unknown): value is number {
  const bound = fragment.bounds[name];
  return bound !== undefined && typeof value === 'number' && Number.isInteger(value) && value >= bound.min && value <= bound.max;
}

/** The field fragment for `type.field`, when there is one and the loader's query asked can be answered by it. */
export function fieldFragmentFor(type: string, field: string, query: EmbeddedQuery, loaderColumns: string[]): FieldFragment | null {
  const fragment = loadFieldFragments().get(`${type}.${field}`);
  if (!fragment) return null;
  // The loader shapes the rows: the fragment must answer exactly its query's columns.
  const columns = loaderColumns.filter((c) => c !== 'id');
  if (columns.length !== fragment.outputs.length || !columns.every((c) => fragment.outputs.includes(c))) return null;
  for (const p of fragment.params) if (!(p in query.params)) return null;
  for (const name of Object.keys(fragment.bounds)) if (!inBound(fragment, name, query.params[name])) return null;
  return fragment;
}

/**
 * The fragment's text for one parent: `$name` → the emitter's parameter for that value, `{{name}}` →
 * the checked integer (fieldFragmentFor), `@project(v: …)` → the projection of `v`.
 */
export function fieldFragmentText(
  fragment: FieldFragment,
  params: Record<string, unknown>,
  param: (value: unknown) => string,
  project: (v: string) => string,
): string {
  const named = new Map<string, string>();
  return fragment.body
    .replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, p: string) => {
      if (!named.has(p)) named.set(p, param(params[p] ?? null));
      return named.get(p)!;
    })
    .replace(/\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g, (_m, p: string) => {
      const value = params[p];
      // Checked when planned; checked again here, since this is text.
      if (!inBound(fragment, p, value)) throw new Error(`compiled read: ${fragment.name} {{${p}}} is not an integer in its range`);
      return String(value);
    })
    .replace(PROJECT_MARK, (_m, v: string) => project(v));
}

/** Merges what two selections ask of the same variable. */
export function unionProjection(a: Projection | null, b: Projection | null): Projection | null {
  if (!a) return b;
  if (!b) return a;
  return { props: new Set([...a.props, ...b.props]), all: a.all || b.all };
}
