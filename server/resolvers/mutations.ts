/**
 * Changes for the data staff. Each mutation is one managed write transaction holding its checks, the
 * write and its change-log entry: a refused change writes nothing, and every accepted one says who,
 * when, what, before and after. Ending a pairing closes its interval; nothing is ever deleted.
 */
import { randomUUID } from 'node:crypto';
import type { IResolvers } from 'mercurius';
import { isKind, KINDS, type Kind, labelsOf, PAIRING_KINDS, type PairingKind } from '../../schema/model.ts';
import { dateArg, nonBlank } from '../args.ts';
import { type EntityObject, type Props, toEntity } from '../entity-mapper.ts';
import { badInput, conflict, notFound } from '../errors.ts';
import type { WriteTx } from '../graph-store.ts';
import { type PairingRow, pairingObject } from './pairing.ts';

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

interface SourceInput {
  document: string;
  quote: string;
}

interface Change {
  action: string;
  entityId: string;
  entityKind: string;
  before: unknown;
  after: unknown;
  reason?: string | null;
  source?: SourceInput | null;
}

/** The provenance a change gives what it writes: the document given, or the change itself. */
function provenance(changeId: string, action: string, actor: string, source?: SourceInput | null) {
  return source
    ? { document: nonBlank('source.document', source.document), quote: nonBlank('source.quote', source.quote) }
    : { document: `change:${changeId}`, quote: `${action} by ${actor}` };
}

async function logChange(tx: WriteTx, changeId: string, actor: string, change: Change) {
  await tx.run('change/write-change', {
    change: {
      id: changeId,
      at: new Date().toISOString(),
      actor,
      action: change.action,
      entityId: change.entityId,
      entityKind: change.entityKind,
      before: change.before == null ? null : JSON.stringify(change.before),
      after: JSON.stringify(change.after),
      reason: change.reason ?? null,
      source: change.source?.document ?? null,
    },
  });
}

async function getForUpdate(tx: WriteTx, field: string, id: string) {
  const [row] = await tx.run<{ node: Props; parentOrganization: string | null; parentPlace: string | null }>('mutation/get-for-update', {
    id,
  });
  if (!row) throw notFound(field, id);
  return { entity: toEntity(row.node), props: row.node, parentOrganization: row.parentOrganization, parentPlace: row.parentPlace };
}

function requireCategory(field: string, entity: EntityObject, category: string) {
  if (!isKind(entity.kind) || KINDS[entity.kind].category !== category) {
    throw badInput(field, `${entity.id} is ${entity.kind}, not a${/^[AEIOU]/.test(category) ? 'n' : ''} ${category}`);
  }
}

function kindOfCategory(field: string, kind: string, category: string): Kind {
  if (!isKind(kind) || KINDS[kind].category !== category) {
    const allowed = Object.entries(KINDS)
      .filter(([, info]) => info.category === category)
      .map(([name]) => name);
    throw badInput(field, `must be one of ${allowed.join(', ')}`);
  }
  return kind;
}

function newId(field: string, id: string | null | undefined): string {
  if (id == null) return `ed-${randomUUID().slice(0, 12)}`;
  if (!ID.test(id)) throw badInput(field, 'must be lower-case a-z, 0-9 and "-", starting with a letter');
  return id;
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

interface CreateInput {
  id?: string | null;
  name: string;
  nameEn?: string | null;
  kind: string;
  parentId: string;
  governsPlaceId?: string | null;
  source?: SourceInput | null;
}

/** Creates an organization or place under a parent, with its link(s), in one transaction. */
async function createUnder(
  tx: WriteTx,
  actor: string,
  input: CreateInput,
  spec: { category: 'Organization' | 'Place'; action: string; parentType: 'REPORTS_TO' | 'PART_OF' },
) {
  const kind = kindOfCategory('input.kind', input.kind, spec.category);
  const name = nonBlank('input.name', input.name);
  const id = newId('input.id', input.id);
  const changeId = randomUUID();
  const source = provenance(changeId, spec.action, actor, input.source);
  const parent = await getForUpdate(tx, 'input.parentId', input.parentId);
  requireCategory('input.parentId', parent.entity, spec.category);
  const governed = input.governsPlaceId ? await getForUpdate(tx, 'input.governsPlaceId', input.governsPlaceId) : null;
  if (governed) requireCategory('input.governsPlaceId', governed.entity, 'Place');
  if ((await tx.run('entity/get-entities', { ids: [id] })).length > 0) throw conflict('input.id', `${id} is already used`);
  const props = {
    id,
    kind,
    name,
    ...(input.nameEn ? { nameEn: input.nameEn } : {}),
    synthetic: false,
    sourceDocuments: [source.document],
    sourceQuotes: [source.quote],
  };
  const [created] = await tx.run<{ node: Props }>('mutation/create-entity', { id, labels: labelsOf(kind), props });
  const link = (type: string, from: string, to: string) =>
    tx.run('mutation/create-relationship', {
      from,
      to,
      type,
      props: { id: `${from}|${type}|${to}`, synthetic: false, sourceDocuments: [source.document], sourceQuotes: [source.quote] },
    });
  await link(spec.parentType, id, parent.entity.id);
  if (governed) await link('GOVERNS', id, governed.entity.id);
  await logChange(tx, changeId, actor, {
    action: spec.action,
    entityId: id,
    entityKind: spec.category,
    before: null,
    after: { ...props, parentId: parent.entity.id, governsPlaceId: governed?.entity.id ?? null },
    source: input.source,
  });
  return toEntity(created!.node);
}

async function update(
  tx: WriteTx,
  actor: string,
  id: string,
  input: { name?: string | null; nameEn?: string | null; source?: SourceInput | null },
  spec: { category: 'Organization' | 'Place'; action: string },
) {
  if (input.name == null && input.nameEn == null) throw badInput('input', 'give name or nameEn to change');
  const props: Record<string, string> = {};
  if (input.name != null) props.name = nonBlank('input.name', input.name);
  if (input.nameEn != null) props.nameEn = input.nameEn;
  const before = await getForUpdate(tx, 'id', id);
  requireCategory('id', before.entity, spec.category);
  const changeId = randomUUID();
  const source = provenance(changeId, spec.action, actor, input.source);
  const [row] = await tx.run<{ node: Props }>('mutation/update-entity', { id, props, document: source.document, quote: source.quote });
  await logChange(tx, changeId, actor, {
    action: spec.action,
    entityId: id,
    entityKind: spec.category,
    before: { name: before.props.name, nameEn: before.props.nameEn ?? null },
    after: { name: row!.node.name, nameEn: row!.node.nameEn ?? null },
    source: input.source,
  });
  return toEntity(row!.node);
}

async function getPairing(tx: WriteTx, field: string, id: string) {
  const [row] = await tx.run<PairingRow>('pairing/get-pairing', { id });
  if (!row) throw notFound(field, id);
  return pairingObject(row);
}

interface StartInput {
  id?: string | null;
  kind: PairingKind;
  partnerId: string;
  targetId: string;
  programme?: string | null;
  validFrom: string;
  reason?: string | null;
  replaces?: string | null;
  source?: SourceInput | null;
}

async function startPairing(
  tx: WriteTx,
  actor: string,
  input: StartInput,
  fields = { partner: 'input.partnerId', target: 'input.targetId' },
) {
  const rule = PAIRING_KINDS[input.kind];
  const validFrom = dateArg('input.validFrom', input.validFrom);
  const id = newId('input.id', input.id);
  const partner = await getForUpdate(tx, fields.partner, input.partnerId);
  const target = await getForUpdate(tx, fields.target, input.targetId);
  if (!(rule.from as readonly string[]).includes(partner.entity.kind)) {
    throw badInput(
      fields.partner,
      `${partner.entity.name} is ${partner.entity.kind}; a ${input.kind} pairing needs ${rule.from.join(' or ')}`,
    );
  }
  if (!(rule.to as readonly string[]).includes(target.entity.kind)) {
    throw badInput(fields.target, `${target.entity.name} is ${target.entity.kind}; a ${input.kind} pairing needs ${rule.to.join(' or ')}`);
  }
  const [overlap] = await tx.run<{ id: string }>('mutation/find-overlapping-pairing', {
    partnerId: partner.entity.id,
    targetId: target.entity.id,
    kind: input.kind,
    validFrom,
  });
  if (overlap)
    throw conflict(
      fields.partner,
      `${partner.entity.name} already has pairing ${overlap.id} with ${target.entity.name} open on ${validFrom}`,
    );
  if ((await tx.run('pairing/get-pairing', { id })).length > 0) throw conflict('input.id', `${id} is already used`);
  const changeId = randomUUID();
  const source = provenance(changeId, 'startPairing', actor, input.source);
  const props = {
    id,
    kind: input.kind,
    status: 'active',
    validFrom,
    ...(input.programme ? { programme: input.programme } : {}),
    ...(input.reason ? { reason: input.reason } : {}),
    ...(input.replaces ? { replaces: input.replaces } : {}),
    synthetic: false,
    sourceDocuments: [source.document],
    sourceQuotes: [source.quote],
  };
  await tx.run('mutation/create-relationship', { from: partner.entity.id, to: target.entity.id, type: 'PAIRED_WITH', props });
  const created = await getPairing(tx, 'input.id', id);
  await logChange(tx, changeId, actor, {
    action: input.replaces ? 'rematchPairing' : 'startPairing',
    entityId: id,
    entityKind: 'Pairing',
    before: null,
    after: { ...props, partnerId: partner.entity.id, targetId: target.entity.id },
    reason: input.reason,
    source: input.source,
  });
  return created;
}

async function endPairing(tx: WriteTx, actor: string, args: { id: string; validTo: string; reason: string; source?: SourceInput | null }) {
  const validTo = dateArg('validTo', args.validTo);
  const reason = nonBlank('reason', args.reason);
  const before = await getPairing(tx, 'id', args.id);
  if (before.status === 'ended') throw conflict('id', `pairing ${args.id} already ended on ${before.validTo}`);
  if (before.validFrom && validTo < before.validFrom)
    throw badInput('validTo', `must not be before the pairing started (${before.validFrom})`);
  const changeId = randomUUID();
  const source = provenance(changeId, 'endPairing', actor, args.source);
  await tx.run('mutation/end-pairing', { id: args.id, validTo, reason, document: source.document, quote: source.quote });
  const after = await getPairing(tx, 'id', args.id);
  await logChange(tx, changeId, actor, {
    action: 'endPairing',
    entityId: args.id,
    entityKind: 'Pairing',
    before: { status: before.status, validTo: before.validTo, reason: before.reason },
    after: { status: after.status, validTo: after.validTo, reason: after.reason },
    reason,
    source: args.source,
  });
  return after;
}

export const mutationResolvers: IResolvers = {
  Mutation: {
    createOrganization: (_root, { input }: { input: CreateInput }, { app, actor }) =>
      app.store.write((tx) =>
        createUnder(tx, actor, input, { category: 'Organization', action: 'createOrganization', parentType: 'REPORTS_TO' }),
      ),
    createPlace: (_root, { input }: { input: CreateInput }, { app, actor }) => {
      if (input.governsPlaceId != null) throw badInput('input.governsPlaceId', 'a place governs nothing');
      return app.store.write((tx) => createUnder(tx, actor, input, { category: 'Place', action: 'createPlace', parentType: 'PART_OF' }));
    },
    updateOrganization: (_root, { id, input }, { app, actor }) =>
      app.store.write((tx) => update(tx, actor, id, input, { category: 'Organization', action: 'updateOrganization' })),
    updatePlace: (_root, { id, input }, { app, actor }) =>
      app.store.write((tx) => update(tx, actor, id, input, { category: 'Place', action: 'updatePlace' })),
    moveOrganization: (
      _root,
      args: { id: string; newParentId: string; reason?: string | null; source?: SourceInput | null },
      { app, actor },
    ) =>
      app.store.write(async (tx) => {
        const org = await getForUpdate(tx, 'id', args.id);
        requireCategory('id', org.entity, 'Organization');
        const parent = await getForUpdate(tx, 'newParentId', args.newParentId);
        requireCategory('newParentId', parent.entity, 'Organization');
        if (org.parentOrganization === parent.entity.id)
          throw badInput('newParentId', `${org.entity.name} already reports to ${parent.entity.name}`);
        const [check] = await tx.run<{ cycle: boolean }>('mutation/would-make-cycle', { id: org.entity.id, parentId: parent.entity.id });
        if (check?.cycle) {
          throw conflict(
            'newParentId',
            `${parent.entity.name} is ${org.entity.name} or one of the organizations it leads: the move would make a cycle`,
          );
        }
        const changeId = randomUUID();
        const source = provenance(changeId, 'moveOrganization', actor, args.source);
        await tx.run('mutation/replace-parent', {
          id: org.entity.id,
          parentId: parent.entity.id,
          props: {
            id: `${org.entity.id}|REPORTS_TO|${parent.entity.id}`,
            synthetic: false,
            sourceDocuments: [source.document],
            sourceQuotes: [source.quote],
          },
        });
        await logChange(tx, changeId, actor, {
          action: 'moveOrganization',
          entityId: org.entity.id,
          entityKind: 'Organization',
          before: { parentId: org.parentOrganization },
          after: { parentId: parent.entity.id },
          reason: args.reason,
          source: args.source,
        });
        return org.entity;
      }),
    startPairing: (_root, { input }: { input: StartInput }, { app, actor }) => app.store.write((tx) => startPairing(tx, actor, input)),
    endPairing: (_root, args, { app, actor }) => app.store.write((tx) => endPairing(tx, actor, args)),
    rematchPairing: (
      _root,
      args: { id: string; newPartnerId: string; date: string; reason: string; source?: SourceInput | null },
      { app, actor },
    ) =>
      app.store.write(async (tx) => {
        const date = dateArg('date', args.date);
        const old = await getPairing(tx, 'id', args.id);
        if (old.partner.id === args.newPartnerId) throw badInput('newPartnerId', 'is the partner the pairing already has');
        if (old.validFrom && addDays(date, -1) < old.validFrom)
          throw badInput('date', `must be after the pairing started (${old.validFrom})`);
        await endPairing(tx, actor, { id: args.id, validTo: addDays(date, -1), reason: args.reason, source: args.source });
        return startPairing(
          tx,
          actor,
          {
            kind: old.kind as PairingKind,
            partnerId: args.newPartnerId,
            targetId: old.target.id,
            programme: old.programme,
            validFrom: date,
            reason: args.reason,
            replaces: old.id,
            source: args.source,
          },
          { partner: 'newPartnerId', target: 'id' },
        );
      }),
  },
};
