/**
 * A Mercurius loader for a per-parent list answered by one named query over all parents at once.
 * The query takes `$ids` (plus fixed or per-argument parameters) and returns rows `{ id, items }`.
 */
import type { MercuriusContext } from 'mercurius';
import type { QueryName } from '../graph/cypher-queries.ts';
import type { EntityObject } from '../graph/entity-mapper.ts';

interface LoaderQuery<P> {
  obj: EntityObject;
  params: P;
}

export function batchedLoader<P, Item, R>(
  queryName: QueryName,
  toResult: (items: Item[], parent: EntityObject, row: Record<string, unknown> | undefined, params: Record<string, unknown>) => R,
  paramsOf: (params: P) => Record<string, unknown> = () => ({}),
) {
  return async (queries: LoaderQuery<P>[], { app }: MercuriusContext): Promise<R[]> => {
    const groups = new Map<string, { params: Record<string, unknown>; indexes: number[] }>();
    queries.forEach((query, index) => {
      const params = paramsOf(query.params);
      const key = JSON.stringify(params);
      const group = groups.get(key) ?? { params, indexes: [] };
      group.indexes.push(index);
      groups.set(key, group);
    });
    const results: R[] = new Array(queries.length);
    await Promise.all(
      [...groups.values()].map(async ({ params, indexes }) => {
        const ids = [...new Set(indexes.map((i) => queries[i]!.obj.id))];
        const rows = await app.store.readByName<{ id: string; items: Item[] }>(queryName, { ...params, ids });
        const byId = new Map(rows.map((r) => [r.id, r]));
        for (const i of indexes) {
          const parent = queries[i]!.obj;
          const row = byId.get(parent.id);
          results[i] = toResult(row?.items ?? [], parent, row, params);
        }
      }),
    );
    return results;
  };
}
