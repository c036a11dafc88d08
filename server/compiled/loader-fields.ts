/**
 * Fields served by a batched loader (server/batched.ts: one named query over `$ids`, rows
 * `{ id, items, … }`) join the compiled query without a second copy of their rule: the loader itself
 * says which named query and parameters it would run for a parent (recorded, never run), the query's
 * own text is embedded as a scoped subquery for that parent, and the rows it returns are handed back
 * to the same loader to shape. So the answer is the loader's by construction, and only queries that
 * take their parents from a single top-level `UNWIND $ids AS id` are embedded.
 */
import type { MercuriusContext, MercuriusLoaders } from 'mercurius';
import { cypher, type QueryName } from '../../graph/cypher-queries.ts';
import type { EntityObject } from '../../graph/entity-mapper.ts';
import type { EmbeddedQuery } from './plan.ts';

/** Stands for the parent while recording: the loader must ask for exactly `[PARENT]`. */
const PARENT = '\u0000compiled-parent';

type RawLoader = (queries: { obj: unknown; params: unknown }[], context: MercuriusContext) => Promise<unknown[]>;

function rawLoader(loaders: MercuriusLoaders, type: string, field: string): RawLoader | undefined {
  const entry = (loaders as Record<string, Record<string, unknown>>)[type]?.[field];
  const fn = typeof entry === 'function' ? entry : (entry as { loader?: unknown } | undefined)?.loader;
  return typeof fn === 'function' ? (fn as RawLoader) : undefined;
}

/** A store that answers every read with `rows` and remembers what it was asked. */
export function stubStore(rows: unknown[], asked: EmbeddedQuery[]) {
  const read = (name: string, params: Record<string, unknown> = {}) => {
    asked.push({ name, params });
    return Promise.resolve(rows);
  };
  return { read, readByName: read, readCompiled: () => Promise.reject(new Error('not here')) };
}

const PARAM = /\$([A-Za-z_][A-Za-z0-9_]*)/g;
const UNWIND_IDS = /^UNWIND \$ids AS id$/m;

/** The parts of a named query ready to embed for one parent, or null when it cannot be embedded. */
export interface Embeddable {
  /** The text with `$ids` → `[<parent id variable>]`, written as `{{ids}}`; other params as `{{name}}`. */
  text: string;
  /** The columns of its top-level RETURN. */
  columns: string[];
}

/** Splits at commas outside brackets, braces, parentheses and quotes. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote && text[i - 1] !== '\\') quote = null;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

const cache = new Map<string, Embeddable | null>();

/**
 * A named query ready to embed: one top-level RETURN whose columns are plain names. For a loader's
 * query (`perParent`) also one `UNWIND $ids AS id` at the top and an `id` column; for a root's, no `$ids`.
 */
export function embeddable(name: string, perParent = true): Embeddable | null {
  const cacheKey = `${perParent}:${name}`;
  if (cache.has(cacheKey)) return cache.get(cacheKey)!;
  let result: Embeddable | null = null;
  const text = cypher(name as QueryName)
    .split('\n')
    .filter((line) => !/^\s*\/\//.test(line))
    .join('\n');
  const uses = text.match(/\$ids\b/g)?.length ?? 0;
  const returns = [...text.matchAll(/^RETURN (.*(?:\n[ \t]+.*)*)/gm)];
  const last = returns.at(-1);
  const shapeOk = perParent ? uses === 1 && UNWIND_IDS.test(text) : uses === 0;
  if (shapeOk && returns.length === 1 && last) {
    const clause = last[1]!.replace(/\n?ORDER BY[\s\S]*$/, '').replace(/\s+/g, ' ');
    const columns = splitTopLevel(clause).map((item) => /(?:^|\s)AS\s+([A-Za-z_][A-Za-z0-9_]*)$/.exec(item)?.[1] ?? item);
    if (columns.every((c) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(c)) && (!perParent || columns.includes('id'))) {
      result = { text: text.replace(PARAM, (_m, p: string) => `{{${p}}}`), columns };
    }
  }
  cache.set(cacheKey, result);
  return result;
}

/**
 * The named query and parameters the loader of `type.field` would run for one parent with `args`, or
 * null: no batched loader, a bad argument (the loader reports it when the field resolves), more than
 * one read, or a query that cannot be embedded.
 */
export function loaderQuery(loaders: MercuriusLoaders, type: string, field: string, args: Record<string, unknown>): EmbeddedQuery | null {
  const loader = rawLoader(loaders, type, field);
  if (!loader) return null;
  const asked: EmbeddedQuery[] = [];
  // A batched loader reads before its first await, so the read is recorded by the time this returns.
  const pending = loader([{ obj: { id: PARENT }, params: args }], { app: { store: stubStore([], asked) } } as unknown as MercuriusContext);
  pending.catch(() => undefined);
  const [query] = asked;
  if (asked.length !== 1 || !query) return null;
  const ids = query.params.ids;
  if (!Array.isArray(ids) || ids.length !== 1 || ids[0] !== PARENT) return null;
  const prepared = embeddable(query.name);
  if (!prepared) return null;
  const params = { ...query.params };
  delete params.ids;
  const used = new Set([...prepared.text.matchAll(/\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g)].map((m) => m[1]!));
  used.delete('ids');
  for (const p of used) if (!(p in params)) return null;
  return { name: query.name, params };
}

/** The loader's answer for one parent, shaped by the loader from the rows the compiled query returned. */
export async function shapeLoaded(
  loaders: MercuriusLoaders,
  type: string,
  field: string,
  parent: EntityObject,
  args: unknown,
  rows: unknown[],
) {
  const loader = rawLoader(loaders, type, field)!;
  const [answer] = await loader([{ obj: parent, params: args }], { app: { store: stubStore(rows, []) } } as unknown as MercuriusContext);
  return answer;
}
