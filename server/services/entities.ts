/**
 * Changes to organizations and places (数据维护): create, rename, move. Each runs inside the mutation's
 * one write transaction (see resolvers/mutations.ts): it locks what it touches, checks it against what
 * is stored by the write rules (graph/write-rules.ts, the ones the import obeys), writes through named
 * queries (cypher/mutation/), and writes its change-log entry. A refusal thrown here rolls all back.
 */

import { refreshDisplayNames } from '../../data/display-names.ts';
import { changeIds, provenanceOf, recordChange, type SourceInput } from '../../graph/change-log.ts';
import { type Props, toEntity } from '../../graph/entity-mapper.ts';
import { badInput, conflict } from '../../graph/errors.ts';
import type { WriteTx } from '../../graph/graph-store.ts';
import { newEntityProps, newLinkProps, PARENT_TYPES, scopeTargets } from '../../graph/write-rules.ts';
import { type Kind, labelsOf } from '../../schema/model.ts';
import type { Target } from '../write-guards.ts';
import { describe, type LockedEntity, type ParentLink, referenced, subject } from './write-refusals.ts';

/**
 * An edit that creates, renames or moves an entity changes which names clash and what tells them
 * apart: the display names of these names are worked out again by the seed's own rule
 * (data/display-names.ts), and the entity is returned as it now reads, display name and all.
 */
async function afterNaming(tx: WriteTx, node: Props, names: unknown[]) {
  await refreshDisplayNames(tx, [...new Set(names.map(String))]);
  const id = String(node.id);
  return toEntity((await lockEntities(tx, [id])).get(id)?.node ?? node);
}

/** Locks the entities (see cypher/mutation/lock-entities.cypher) and returns them by id. */
export async function lockEntities(tx: WriteTx, ids: (string | null | undefined)[]): Promise<Map<string, LockedEntity>> {
  const wanted = [...new Set(ids.filter((id): id is string => id != null))].sort();
  const rows = await tx.run<LockedEntity>('mutation/lock-entities', { ids: wanted });
  return new Map(rows.map((row) => [row.id, row]));
}

/** An entity as the change log records it: its properties and its parents. */
const entityState = (node: Props, parents: ParentLink[]) => ({ ...node, parentIds: parents.map((p) => p.parentId) });

/** A creation's checked arguments (edit-args.ts), common to organizations and places. */
export interface NewEntity {
  id: string;
  kind: Kind;
  name: string;
  nameEn: string | null;
  parentId: string;
  governsPlaceId?: string | null;
  source: SourceInput | null;
}

/** What a creation must find inside an editor's area: what the new entity hangs from. */
export const creationTargets = (entity: Pick<NewEntity, 'parentId' | 'governsPlaceId'>): Target[] =>
  scopeTargets({ parent: entity.parentId, governs: entity.governsPlaceId }).map(({ role, id }) => ({
    field: role === 'parent' ? 'input.parentId' : 'input.governsPlaceId',
    id,
  }));

/**
 * A creation judged against what is stored (`found`: the new id, the parent and the place, locked):
 * the id is free, the parent is one of the entity's category, the place it governs is a place.
 */
export function checkCreation(
  found: ReadonlyMap<string, LockedEntity>,
  entity: Pick<NewEntity, 'id' | 'parentId' | 'governsPlaceId'>,
  category: 'Organization' | 'Place',
) {
  const taken = found.get(entity.id);
  if (taken) throw conflict('input.id', `"${entity.id}" is already used by ${describe(taken.node)}`);
  const parent = referenced(found, 'input.parentId', entity.parentId, category);
  const place = entity.governsPlaceId == null ? null : referenced(found, 'input.governsPlaceId', entity.governsPlaceId, 'Place');
  return { parent, place };
}

export async function createEntity(tx: WriteTx, actor: string, entity: NewEntity, category: 'Organization' | 'Place') {
  const action = category === 'Organization' ? 'createOrganization' : 'createPlace';
  const { parent, place } = checkCreation(await lockEntities(tx, [entity.id, entity.parentId, entity.governsPlaceId]), entity, category);

  const change = changeIds(actor, action)();
  const { props: provenance } = provenanceOf(change, entity.source);
  const props = newEntityProps(entity, provenance);
  const params = {
    labels: labelsOf(entity.kind),
    props,
    parentId: parent.id,
    parentLink: newLinkProps(entity.id, PARENT_TYPES[category], parent.id, provenance),
    governsPlaceId: place?.id ?? null,
    governsLink: place ? newLinkProps(entity.id, 'GOVERNS', place.id, provenance) : null,
  };
  const [row] =
    category === 'Organization'
      ? await tx.run<{ node: Props }>('mutation/create-organization', params)
      : await tx.run<{ node: Props }>('mutation/create-place', params);
  if (!row) throw new Error(`${action}: the parent ${parent.id} vanished inside the transaction`);
  await recordChange(tx, change, {
    entityId: entity.id,
    entityKind: category,
    before: null,
    after: { ...row.node, parentIds: [parent.id], ...(place ? { governsPlaceId: place.id } : {}) },
    source: entity.source,
  });
  return afterNaming(tx, row.node, [entity.name]);
}

/** A rename's checked arguments: at least one of the names. */
export interface Rename {
  name: string | null;
  nameEn: string | null;
  source: SourceInput | null;
}

export async function updateEntity(tx: WriteTx, actor: string, id: string, rename: Rename, category: 'Organization' | 'Place') {
  const { name, nameEn, source } = rename;
  const before = subject(await lockEntities(tx, [id]), 'id', id, category);
  const change = changeIds(actor, category === 'Organization' ? 'updateOrganization' : 'updatePlace')();
  const { document, quote } = provenanceOf(change, source);
  const [row] = await tx.run<{ node: Props }>('mutation/update-entity', { id, name, nameEn, document, quote });
  if (!row) throw new Error(`update: ${id} vanished inside the transaction`);
  await recordChange(tx, change, {
    entityId: id,
    entityKind: category,
    before: entityState(before.node, before.parents),
    after: entityState(row.node, before.parents),
    source,
  });
  return name == null ? toEntity(row.node) : afterNaming(tx, row.node, [before.node.name, name]);
}

export interface Move {
  id: string;
  newParentId: string;
  reason: string | null;
  source: SourceInput | null;
}

/**
 * What a move must find inside an editor's area: the organization, its new parent, and the ones it
 * reports to now (the move ends those links). The hierarchy lock comes first, as in every move (see
 * mutation/lock-hierarchy), so that the parents read here are the ones the move replaces and
 * concurrent moves still queue instead of deadlocking.
 */
export async function moveTargets(tx: WriteTx, move: Pick<Move, 'id' | 'newParentId'>): Promise<Target[]> {
  await tx.run('mutation/lock-hierarchy');
  const row = (await lockEntities(tx, [move.id])).get(move.id);
  const currentParents = (row?.parents ?? []).map((p) => p.parentId);
  const fields = { subject: 'id', parent: 'newParentId', currentParent: 'id' } as const;
  return scopeTargets({ subject: move.id, parent: move.newParentId, currentParents }).map(({ role, id }) => ({
    field: fields[role as keyof typeof fields],
    id,
    ...(role === 'currentParent' ? { what: 'the organization it reports to now' } : {}),
  }));
}

export async function moveOrganization(tx: WriteTx, actor: string, move: Move) {
  await tx.run('mutation/lock-hierarchy');
  const found = await lockEntities(tx, [move.id, move.newParentId]);
  const org = subject(found, 'id', move.id, 'Organization');
  const parent = referenced(found, 'newParentId', move.newParentId, 'Organization');
  const orgName = String(org.node.name);
  const parentName = String(parent.node.name);
  if (parent.id === org.id) throw conflict('newParentId', `is the organization itself: ${orgName} cannot report to itself (a cycle)`);
  if (org.parents.some((p) => p.parentId === parent.id)) {
    throw badInput('newParentId', `${orgName} already reports to ${parentName}; there is nothing to move`);
  }
  await tx.run('mutation/lock-ancestors', { id: parent.id });
  const [path] = await tx.run<{ chain: string[] }>('mutation/find-reporting-path', { id: org.id, parentId: parent.id });
  if (path) {
    throw conflict(
      'newParentId',
      `${parentName} is led by ${orgName} (${path.chain.join(' → ')}): moving ${orgName} under it would make a cycle`,
    );
  }

  const change = changeIds(actor, 'moveOrganization')();
  const { props: provenance } = provenanceOf(change, move.source);
  const [row] = await tx.run<{ node: Props; parents: ParentLink[] }>('mutation/move-organization', {
    id: org.id,
    parentId: parent.id,
    link: newLinkProps(org.id, 'REPORTS_TO', parent.id, provenance),
  });
  if (!row) throw new Error(`moveOrganization: ${org.id} or ${parent.id} vanished inside the transaction`);
  await recordChange(tx, change, {
    entityId: org.id,
    entityKind: 'Organization',
    // The links themselves, so the old one (deleted by the move) and its sources stay on record.
    before: { ...entityState(org.node, org.parents), parentLinks: org.parents.map((p) => p.link) },
    after: { ...entityState(row.node, row.parents), parentLinks: row.parents.map((p) => p.link) },
    reason: move.reason,
    source: move.source,
  });
  // Everything under it lies where it now lies: their qualifiers may change with its own.
  const [below] = await tx.run<{ names: string[] }>('mutation/list-names-below', { id: org.id });
  return afterNaming(tx, row.node, below?.names ?? [orgName]);
}
