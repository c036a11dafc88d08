/**
 * The compiled read path, step 3: the query's nested maps turned into the very objects the loaders
 * give (toEntity, shapeResult, pairingObject), each carrying what was fetched for its own fields under
 * PRELOADED, where the field resolvers find it (preloaded.ts).
 */
import { type EntityObject, type Props, toEntity } from '../../graph/entity-mapper.ts';
import { type RelatedItem, shapeResult } from '../related-fields.ts';
import { type PairingRow, pairingObject } from '../services/pairings.ts';
import type { EntityPlan } from './plan.ts';

export const PRELOADED = Symbol('compiled answers');

/** The rows a batched loader's embedded query returned for one parent, for that loader to shape. */
export class LoadedRows {
  constructor(readonly rows: unknown[]) {}
}

export type Preloaded = EntityObject & { [PRELOADED]?: Map<string, unknown> };

interface CompiledItem extends RelatedItem {
  pre: Record<string, unknown>;
}

export function entityOf(node: Props, pre: Record<string, unknown>, plan: EntityPlan): Preloaded {
  return withAnswers(toEntity(node), pre, plan);
}

/** Attaches to an entity object what the compiled query fetched for its fields (`pre`, by plan). */
export function withAnswers(object: Preloaded, pre: Record<string, unknown>, plan: EntityPlan): Preloaded {
  const answers = new Map<string, unknown>();
  for (const op of plan.related) {
    const key = `${op.type}.${op.key}`;
    const items = ((pre[key] as Omit<CompiledItem, 'link'>[] | undefined) ?? []).map((i) => ({
      ...i,
      link: (i as CompiledItem).link ?? {},
    }));
    // Without totalCount or pageInfo the total is never read.
    const total = op.total ? Number(pre[`${key}#total`] ?? 0) : op.page.offset + items.length;
    answers.set(
      key,
      shapeResult(op.spec, { total, items }, op.page, (item) => entityOf(item.node, (item as CompiledItem).pre, op.child)),
    );
  }
  for (const op of plan.pairings) {
    answers.set(`${op.type}.${op.key}`, ((pre[`${op.type}.${op.key}`] as PairingRow[] | undefined) ?? []).map(pairingObject));
  }
  for (const op of plan.loaded) {
    answers.set(`${op.type}.${op.key}`, new LoadedRows((pre[`${op.type}.${op.key}`] as unknown[] | undefined) ?? []));
  }
  if (answers.size > 0) object[PRELOADED] = answers;
  return object;
}
