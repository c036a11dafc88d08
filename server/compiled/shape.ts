/**
 * The compiled read path, step 3: the query's nested maps turned into the very objects the loaders
 * give (toEntity, shapeResult, pairingObject), each carrying what was fetched for its own fields under
 * PRELOADED, where the field resolvers find it (preloaded.ts).
 */
import { type EntityObject, type Props, toEntity } from '../../graph/entity-mapper.ts';
import { shapeResult } from '../related-fields.ts';
import { type PairingRow, pairingObject } from '../services/pairings.ts';
import type { EntityPlan } from './plan.ts';

export const PRELOADED = Symbol('compiled answers');

/** The rows a batched loader's embedded query returned for one parent, for that loader to shape. */
export class LoadedRows {
  constructor(readonly rows: unknown[]) {}
}

export type Preloaded = EntityObject & { [PRELOADED]?: Map<string, unknown> };

export function entityOf(node: Props, pre: unknown[], plan: EntityPlan): Preloaded {
  const object = toEntity(node);
  // The match fixed the type (plan.ts typename): `kind` was read only if asked.
  if (plan.typename) object.__typename = plan.typename;
  return withAnswers(object, pre, plan);
}

/**
 * Attaches to an entity object what the compiled query fetched for its fields: `pre` holds them in the
 * plan's order (emit.ts writes them so): per related field its items and, when asked, its total; per
 * pairings field its pairings; per loader field its rows.
 */
export function withAnswers(object: Preloaded, pre: unknown[], plan: EntityPlan): Preloaded {
  const answers = new Map<string, unknown>();
  let at = 0;
  for (const op of plan.related) {
    const rows = (pre[at++] as unknown[][] | undefined) ?? [];
    // Without totalCount or pageInfo the total is never read.
    const total = op.total ? Number(pre[at++] ?? 0) : op.page.offset + rows.length;
    const items = rows.map((row) => {
      let i = 1;
      const type = op.rel ? (row[i++] as string) : '';
      const link = op.link ? (row[i++] as Props) : {};
      return { node: row[0] as Props, type, link, pre: row.slice(i) };
    });
    answers.set(
      `${op.type}.${op.key}`,
      shapeResult(op.spec, { total, items }, op.page, (item) => entityOf(item.node, (item as (typeof items)[number]).pre, op.child)),
    );
  }
  for (const op of plan.pairings) {
    const rows = (pre[at++] as Props[][] | undefined) ?? [];
    const pairing = (row: Props[]): PairingRow => {
      let i = 1;
      return { pairing: row[0]!, partner: op.partner ? row[i++]! : {}, target: op.target ? row[i++]! : {} };
    };
    answers.set(
      `${op.type}.${op.key}`,
      rows.map((row) => pairingObject(pairing(row))),
    );
  }
  for (const op of plan.loaded) {
    const columns = op.columns;
    const rows = ((pre[at++] as unknown[][] | undefined) ?? []).map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])));
    answers.set(`${op.type}.${op.key}`, new LoadedRows(rows));
  }
  if (answers.size > 0) object[PRELOADED] = answers;
  return object;
}
