/** Area arguments: a place, organization or alliance named by id or exact name. */

import { type EntityObject, type Props, toEntity } from '../entity-mapper.ts';
import { notFound } from '../errors.ts';
import type { GraphStore } from '../graph-store.ts';

export async function findArea(store: Pick<GraphStore, 'read'>, field: string, area: string): Promise<EntityObject> {
  const [row] = await store.read<{ node: Props }>('entity/find-area', { area });
  if (!row) throw notFound(field, area);
  return toEntity(row.node);
}
