/**
 * What one checked row writes, worked out against what is stored (pure: no database). A new id is
 * created; an existing one is updated only where the row says something different (so the same file
 * twice writes nothing); a changed parent is a move. Empty cells leave stored values as they are;
 * links (GOVERNS, LOCATED_IN, positions) are added, never removed, except the parent link a move
 * replaces. planImport applies a row's writes only when the row is not refused.
 */
import { linkId, newEntityProps, newLinkProps, provenanceFrom, withSource } from '../../graph/write-rules.ts';
import { labelsOf } from '../../schema/model.ts';
import type { StoredEntity, StoredPairing } from './graph-view.ts';
import { parentIdsOf } from './import-checks.ts';
import { parentTypeOf } from './import-scope.ts';
import type { EntityRow, PairingRow, Source } from './parse-rows.ts';

type Props = Record<string, unknown>;

export interface LinkWrite {
  id: string;
  type: string;
  from: string;
  to: string;
  props: Props;
}

/** The batched writes of an import (or of one row). */
export interface Writes {
  createNodes: { labels: string[]; props: Props }[];
  updateNodes: { id: string; props: Props }[];
  deleteParentLinks: { id: string; type: string }[];
  links: LinkWrite[];
}

export const noWrites = (): Writes => ({ createNodes: [], updateNodes: [], deleteParentLinks: [], links: [] });

export type RowAction = 'importCreate' | 'importUpdate' | 'importMove';

/** One row's part of the plan: its writes and its change-log entry (none when the row changes nothing). */
export interface RowPlan {
  action: RowAction | null;
  writes: Writes;
  before: Props | null;
  after: Props;
}

/** A new link of the row, from its source (graph/write-rules.ts, as a mutation's). */
export const linkOf = (from: string, type: string, to: string, source: Source, extra: Props = {}): LinkWrite => ({
  id: linkId(from, type, to),
  type,
  from,
  to,
  props: newLinkProps(from, type, to, provenanceFrom(source), extra),
});

/** An entity as the change log records it: its properties and its parents. */
export const entityState = (entity: StoredEntity): Props => ({ ...entity.props, parentIds: parentIdsOf(entity) });

/**
 * What an entity row writes. `firstWrite`: the first accepted row of its id in the import (a person's
 * later rows add positions only). `position`: the stored position the row names, if any.
 */
export function planEntityRow(
  row: EntityRow,
  existing: StoredEntity | undefined,
  position: Props | undefined,
  firstWrite: boolean,
): RowPlan {
  const writes = noWrites();
  let action: RowAction | null = null;
  const before = existing ? entityState(existing) : null;
  let after: Props = {};
  const parentType = parentTypeOf(row.kind);

  if (firstWrite) {
    if (!existing) {
      const props = newEntityProps(row, provenanceFrom(row.source));
      writes.createNodes.push({ labels: labelsOf(row.kind), props });
      action = 'importCreate';
      after = { ...props, parentIds: row.parentId ? [row.parentId] : [] };
    } else {
      const set: Props = {};
      if (existing.props.name !== row.name) set.name = row.name;
      if (row.nameEn && existing.props.nameEn !== row.nameEn) set.nameEn = row.nameEn;
      const parents = existing.links.filter((l) => l.type === parentType).map((l) => l.to);
      const moves = row.parentId !== null && parentType !== undefined && !(parents.length === 1 && parents[0] === row.parentId);
      if (Object.keys(set).length > 0) Object.assign(set, withSource(existing.props, row.source) ?? {});
      if (Object.keys(set).length > 0) {
        writes.updateNodes.push({ id: row.id, props: set });
        action = 'importUpdate';
      }
      if (moves && parentType) {
        writes.deleteParentLinks.push({ id: row.id, type: parentType });
        action = 'importMove';
      }
      after = { ...existing.props, ...set, parentIds: moves ? [row.parentId] : parents };
    }
    if (row.parentId && parentType && (action === 'importCreate' || action === 'importMove')) {
      writes.links.push(linkOf(row.id, parentType, row.parentId, row.source));
    }
    for (const [type, target] of [
      ['GOVERNS', row.governsPlaceId],
      ['LOCATED_IN', row.locatedInId],
    ] as const) {
      if (target && !existing?.links.some((l) => l.type === type && l.to === target)) {
        writes.links.push(linkOf(row.id, type, target, row.source));
        action ??= 'importUpdate';
        after = { ...after, [type === 'GOVERNS' ? 'governsPlaceId' : 'locatedInId']: target };
      }
    }
  }

  if (row.template === 'people' && (!position || position.title !== row.title)) {
    // The position: added when new, its title updated when it differs.
    const link = linkOf(row.id, 'HOLDS_POSITION', row.positionAtId!, row.source, { title: row.title });
    if (position) link.props = { title: row.title, ...(withSource(position, row.source) ?? {}) };
    writes.links.push(link);
    action ??= 'importUpdate';
    after = { ...(before ?? {}), ...after, position: { at: row.positionAtId, title: row.title } };
  }
  return { action, writes, before, after };
}

/**
 * What a pairing row writes: a new PAIRED_WITH relationship, or the properties it gives that differ
 * from the stored ones (with its source added). The change log's state carries both ends.
 */
export function planPairingRow(row: PairingRow, existing: StoredPairing | undefined): RowPlan {
  const writes = noWrites();
  const given: Props = {
    ...(row.programme !== null ? { programme: row.programme } : {}),
    ...(row.status !== null ? { status: row.status } : {}),
    ...(row.validFrom !== null ? { validFrom: row.validFrom } : {}),
    ...(row.validTo !== null ? { validTo: row.validTo } : {}),
    ...(row.reason !== null ? { reason: row.reason } : {}),
  };
  const state = (props: Props) => ({ ...props, partnerId: row.partnerId, targetId: row.targetId });
  const link = (props: Props): LinkWrite => ({ id: row.id, type: 'PAIRED_WITH', from: row.partnerId, to: row.targetId, props });
  if (!existing) {
    const props = { id: row.id, kind: row.kind, status: 'active', ...given, synthetic: false, ...provenanceFrom(row.source) };
    writes.links.push(link(props));
    return { action: 'importCreate', writes, before: null, after: state(props) };
  }
  const set = Object.fromEntries(Object.entries(given).filter(([key, value]) => existing.props[key] !== value));
  if (Object.keys(set).length === 0) return { action: null, writes, before: state(existing.props), after: state(existing.props) };
  Object.assign(set, withSource(existing.props, row.source) ?? {});
  writes.links.push(link(set));
  return { action: 'importUpdate', writes, before: state(existing.props), after: state({ ...existing.props, ...set }) };
}
