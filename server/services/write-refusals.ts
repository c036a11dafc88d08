/**
 * A mutation's refusals, worded for the API: the verdicts of graph/write-rules.ts (the rules the import
 * obeys too) turned into errors that name the argument. Pure: they judge the entities a mutation has
 * locked and read (cypher/mutation/lock-entities.cypher), so they are unit-tested without a database.
 */
import type { Props } from '../../graph/entity-mapper.ts';
import { ApiError, badInput, notFound } from '../../graph/errors.ts';
import { categoryOfKind, pairingEnd, referenceRefusal } from '../../graph/write-rules.ts';
import type { Category, PairingKind } from '../../schema/model.ts';
import { PAIRING_KINDS } from '../../schema/model.ts';

export interface ParentLink {
  parentId: string;
  link: Props;
}

/** An entity as a mutation locks it: its properties and the links to its parents. */
export interface LockedEntity {
  id: string;
  node: Props;
  parents: ParentLink[];
}

export const describe = (node: Props) => `${String(node.name)} (${String(node.id)}, ${String(node.kind)})`;

const article = (word: string) => (/^[AEIOU]/.test(word) ? 'an' : 'a');

/** The entity a mutation changes: NOT_FOUND when there is none of that category with this id. */
export function subject(found: ReadonlyMap<string, LockedEntity>, field: string, id: string, category: Category): LockedEntity {
  const row = found.get(id);
  if (!row) throw notFound(field, id);
  if (categoryOfKind(row.node.kind) !== category) {
    throw new ApiError('NOT_FOUND', `${field}: no ${category.toLowerCase()} has id "${id}" (${describe(row.node)} is not one)`, { field });
  }
  return row;
}

/** An entity a mutation refers to: NOT_FOUND when missing, BAD_USER_INPUT when of the wrong category. */
export function referenced(found: ReadonlyMap<string, LockedEntity>, field: string, id: string, category: Category): LockedEntity {
  const row = found.get(id);
  const refusal = referenceRefusal(row && String(row.node.kind), { categories: [category] });
  if (!row || refusal?.rule === 'UNKNOWN_REFERENCE') throw notFound(field, id);
  if (refusal) throw badInput(field, `must be ${article(category)} ${category}; ${describe(row.node)} is not`);
  return row;
}

/** An end of a new pairing: BAD_USER_INPUT when of a kind a pairing of this kind does not join. */
export function pairingEndOf(field: string, row: LockedEntity, kind: PairingKind, end: 'from' | 'to'): void {
  const refusal = referenceRefusal(String(row.node.kind), pairingEnd(kind, end));
  if (refusal?.rule === 'WRONG_KIND') {
    const role = end === 'from' ? 'partner' : 'target';
    throw badInput(
      field,
      `the ${role} of a ${kind} pairing (${PAIRING_KINDS[kind].zh}) must be ${refusal.expected.join(' or ')}; ${describe(row.node)} is not`,
    );
  }
}
