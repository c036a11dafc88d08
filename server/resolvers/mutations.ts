/**
 * Changes for the data staff (数据维护). Arguments are checked first; then each mutation is one managed
 * write transaction that locks what it touches, checks it against what is stored, writes, and writes
 * its change-log entry. A refusal thrown inside rolls everything back: nothing is half-written. Ending
 * a pairing closes its interval and never deletes it.
 */
import type { IResolvers, MercuriusContext } from 'mercurius';
import { changeIds, type PendingChange, provenanceOf, recordChange, type SourceInput } from '../../graph/change-log.ts';
import { announceCommitted, writtenIn } from '../../graph/committed-writes.ts';
import { type Props, toEntity } from '../../graph/entity-mapper.ts';
import { ApiError, badInput, conflict, ERROR_CODES, notFound } from '../../graph/errors.ts';
import type { WriteTx } from '../../graph/graph-store.ts';
import {
  type Category,
  isKind,
  isPairingKind,
  KINDS,
  labelsOf,
  PAIRING_KINDS,
  type PairingKind,
  type RelationshipType,
} from '../../schema/model.ts';
import { dateArg } from '../args.ts';
import type { Principal } from '../auth/principal.ts';
import { dayBefore, kindOfCategory, newIdArg, optionalTextArg, sourceArg, textArg } from '../edit-args.ts';
import { applyOnce, clientMutationIdArg, requireInScope, type Target } from '../write-guards.ts';
import { type PairingRow, pairingObject } from './pairing.ts';

interface ParentLink {
  parentId: string;
  link: Props;
}

interface EntityRow {
  id: string;
  node: Props;
  parents: ParentLink[];
}

type Provenance = ReturnType<typeof provenanceOf>['props'];

const categoryOf = (node: Props): Category | null => {
  const kind = String(node.kind);
  return isKind(kind) ? KINDS[kind].category : null;
};

const describe = (node: Props) => `${String(node.name)} (${String(node.id)}, ${String(node.kind)})`;

const article = (word: string) => (/^[AEIOU]/.test(word) ? 'an' : 'a');

/** Locks the entities (see cypher/mutation/lock-entities.cypher) and returns them by id. */
async function lockEntities(tx: WriteTx, ids: (string | null | undefined)[]): Promise<Map<string, EntityRow>> {
  const wanted = [...new Set(ids.filter((id): id is string => id != null))].sort();
  const rows = await tx.run<EntityRow>('mutation/lock-entities', { ids: wanted });
  return new Map(rows.map((row) => [row.id, row]));
}

/** The entity a mutation changes: NOT_FOUND when there is none of that category with this id. */
function subject(found: Map<string, EntityRow>, field: string, id: string, category: Category): EntityRow {
  const row = found.get(id);
  if (!row) throw notFound(field, id);
  if (categoryOf(row.node) !== category) {
    throw new ApiError('NOT_FOUND', `${field}: no ${category.toLowerCase()} has id "${id}" (${describe(row.node)} is not one)`, { field });
  }
  return row;
}

/** An entity a mutation refers to: NOT_FOUND when missing, BAD_USER_INPUT when of the wrong category. */
function referenced(found: Map<string, EntityRow>, field: string, id: string, category: Category): EntityRow {
  const row = found.get(id);
  if (!row) throw notFound(field, id);
  if (categoryOf(row.node) !== category) throw badInput(field, `must be ${article(category)} ${category}; ${describe(row.node)} is not`);
  return row;
}

/** A relationship's properties: the loader's id convention, and the change's provenance. */
const linkProps = (from: string, type: RelationshipType, to: string, provenance: Provenance) => ({
  id: `${from}|${type}|${to}`,
  synthetic: false,
  ...provenance,
});

/** An entity as the change log records it: its properties and its parents. */
const entityState = (node: Props, parents: ParentLink[]) => ({ ...node, parentIds: parents.map((p) => p.parentId) });

const pairingState = (row: PairingRow) => ({ ...row.pairing, partnerId: row.partner.id, targetId: row.target.id });

interface CreateInput {
  id?: string | null;
  name: string;
  nameEn?: string | null;
  kind: string;
  parentId: string;
  governsPlaceId?: string | null;
  source?: SourceInput | null;
}

/** The checked arguments of a creation, common to organizations and places. */
function creationArgs(input: CreateInput, category: Category) {
  const kind = kindOfCategory('input.kind', input.kind, category);
  const name = textArg('input.name', input.name);
  const nameEn = optionalTextArg('input.nameEn', input.nameEn);
  return { kind, id: newIdArg('input.id', input.id, kind), name, nameEn, source: sourceArg('input.source', input.source) };
}

type CreationArgs = ReturnType<typeof creationArgs>;

async function createEntity(tx: WriteTx, actor: string, input: CreateInput, args: CreationArgs, category: 'Organization' | 'Place') {
  const action = category === 'Organization' ? 'createOrganization' : 'createPlace';
  const found = await lockEntities(tx, [args.id, input.parentId, input.governsPlaceId]);
  const taken = found.get(args.id);
  if (taken) throw conflict('input.id', `"${args.id}" is already used by ${describe(taken.node)}`);
  const parent = referenced(found, 'input.parentId', input.parentId, category);
  const place = input.governsPlaceId == null ? null : referenced(found, 'input.governsPlaceId', input.governsPlaceId, 'Place');

  const change = changeIds(actor, action)();
  const { props: provenance } = provenanceOf(change, args.source);
  const props = {
    id: args.id,
    kind: args.kind,
    name: args.name,
    ...(args.nameEn == null ? {} : { nameEn: args.nameEn }),
    synthetic: false,
    ...provenance,
  };
  const parentType = category === 'Organization' ? 'REPORTS_TO' : 'PART_OF';
  const params = {
    labels: labelsOf(args.kind),
    props,
    parentId: parent.id,
    parentLink: linkProps(args.id, parentType, parent.id, provenance),
    governsPlaceId: place?.id ?? null,
    governsLink: place ? linkProps(args.id, 'GOVERNS', place.id, provenance) : null,
  };
  const [row] =
    category === 'Organization'
      ? await tx.run<{ node: Props }>('mutation/create-organization', params)
      : await tx.run<{ node: Props }>('mutation/create-place', params);
  if (!row) throw new Error(`${action}: the parent ${parent.id} vanished inside the transaction`);
  await recordChange(tx, change, {
    entityId: args.id,
    entityKind: category,
    before: null,
    after: { ...row.node, parentIds: [parent.id], ...(place ? { governsPlaceId: place.id } : {}) },
    source: args.source,
  });
  return toEntity(row.node);
}

interface UpdateInput {
  name?: string | null;
  nameEn?: string | null;
  source?: SourceInput | null;
}

function updateArgs(input: UpdateInput) {
  const name = optionalTextArg('input.name', input.name);
  const nameEn = optionalTextArg('input.nameEn', input.nameEn);
  if (name == null && nameEn == null) throw badInput('input', 'give name or nameEn (or both) to change');
  return { name, nameEn, source: sourceArg('input.source', input.source) };
}

async function updateEntity(
  tx: WriteTx,
  actor: string,
  id: string,
  args: ReturnType<typeof updateArgs>,
  category: 'Organization' | 'Place',
) {
  const { name, nameEn, source } = args;
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
  return toEntity(row.node);
}

interface MoveArgs {
  id: string;
  newParentId: string;
  reason?: string | null;
  source?: SourceInput | null;
}

async function moveOrganization(tx: WriteTx, actor: string, args: MoveArgs, reason: string | null, source: SourceInput | null) {
  await tx.run('mutation/lock-hierarchy');
  const found = await lockEntities(tx, [args.id, args.newParentId]);
  const org = subject(found, 'id', args.id, 'Organization');
  const parent = referenced(found, 'newParentId', args.newParentId, 'Organization');
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
  const { props: provenance } = provenanceOf(change, source);
  const [row] = await tx.run<{ node: Props; parents: ParentLink[] }>('mutation/move-organization', {
    id: org.id,
    parentId: parent.id,
    link: linkProps(org.id, 'REPORTS_TO', parent.id, provenance),
  });
  if (!row) throw new Error(`moveOrganization: ${org.id} or ${parent.id} vanished inside the transaction`);
  await recordChange(tx, change, {
    entityId: org.id,
    entityKind: 'Organization',
    // The links themselves, so the old one (deleted by the move) and its sources stay on record.
    before: { ...entityState(org.node, org.parents), parentLinks: org.parents.map((p) => p.link) },
    after: { ...entityState(row.node, row.parents), parentLinks: row.parents.map((p) => p.link) },
    reason,
    source,
  });
  return toEntity(row.node);
}

interface NewPairing {
  id: string;
  kind: PairingKind;
  partnerId: string;
  targetId: string;
  programme: string | null;
  validFrom: string;
  reason: string | null;
  replaces: string | null;
  source: SourceInput | null;
}

/** Which argument each refusal names: startPairing's input fields, or rematchPairing's arguments. */
interface PairingFields {
  id: string;
  partner: string;
  target: string;
}

async function lockPairing(tx: WriteTx, id: string): Promise<PairingRow | undefined> {
  const [row] = await tx.run<PairingRow>('mutation/lock-pairing', { id });
  return row;
}

function allowedEnd(field: string, row: EntityRow, kind: PairingKind, end: 'from' | 'to') {
  const allowed: readonly string[] = PAIRING_KINDS[kind][end];
  if (!allowed.includes(String(row.node.kind))) {
    const role = end === 'from' ? 'partner' : 'target';
    throw badInput(
      field,
      `the ${role} of a ${kind} pairing (${PAIRING_KINDS[kind].zh}) must be ${allowed.join(' or ')}; ${describe(row.node)} is not`,
    );
  }
}

async function createPairing(tx: WriteTx, change: PendingChange, pairing: NewPairing, fields: PairingFields) {
  if (await lockPairing(tx, pairing.id)) throw conflict(fields.id, `"${pairing.id}" is already used by another pairing`);
  const found = await lockEntities(tx, [pairing.partnerId, pairing.targetId]);
  const partner = found.get(pairing.partnerId);
  if (!partner) throw notFound(fields.partner, pairing.partnerId);
  const target = found.get(pairing.targetId);
  if (!target) throw notFound(fields.target, pairing.targetId);
  allowedEnd(fields.partner, partner, pairing.kind, 'from');
  allowedEnd(fields.target, target, pairing.kind, 'to');
  const overlapping = await tx.run<{ id: string; validFrom: string | null; validTo: string | null }>('mutation/find-overlapping-pairings', {
    partnerId: partner.id,
    targetId: target.id,
    kind: pairing.kind,
    validFrom: pairing.validFrom,
  });
  const [open] = overlapping;
  if (open) {
    const interval = `from ${open.validFrom ?? 'an unstated date'} ${open.validTo ? `to ${open.validTo}` : 'with no end'}`;
    throw conflict(
      fields.partner,
      `${String(partner.node.name)} and ${String(target.node.name)} already have ${pairing.kind} pairing ${open.id} (${interval}), ` +
        `which overlaps one starting on ${pairing.validFrom}; end it first or start after its end`,
    );
  }

  const { props: provenance } = provenanceOf(change, pairing.source);
  const props = {
    id: pairing.id,
    kind: pairing.kind,
    status: 'active',
    validFrom: pairing.validFrom,
    ...(pairing.programme == null ? {} : { programme: pairing.programme }),
    ...(pairing.reason == null ? {} : { reason: pairing.reason }),
    ...(pairing.replaces == null ? {} : { replaces: pairing.replaces }),
    synthetic: false,
    ...provenance,
  };
  const [row] = await tx.run<PairingRow>('mutation/create-pairing', { partnerId: partner.id, targetId: target.id, props });
  if (!row) throw new Error(`startPairing: ${partner.id} or ${target.id} vanished inside the transaction`);
  await recordChange(tx, change, {
    entityId: pairing.id,
    entityKind: 'Pairing',
    before: null,
    after: pairingState(row),
    reason: pairing.reason,
    source: pairing.source,
  });
  return pairingObject(row);
}

interface Ending {
  id: string;
  validTo: string;
  reason: string;
  source: SourceInput | null;
}

async function closePairing(tx: WriteTx, change: PendingChange, ending: Ending, fields: { id: string; validTo: string }) {
  const before = await lockPairing(tx, ending.id);
  if (!before) throw notFound(fields.id, ending.id);
  const { validFrom, validTo } = before.pairing as { validFrom?: string; validTo?: string };
  if (validTo != null || before.pairing.status === 'ended') {
    throw conflict(fields.id, `pairing ${ending.id} already ended${validTo ? ` on ${validTo}` : ''}`);
  }
  if (validFrom != null && ending.validTo < validFrom) {
    throw badInput(fields.validTo, `the pairing would end on ${ending.validTo}, before it started (${validFrom})`);
  }
  const { document, quote } = provenanceOf(change, ending.source);
  const [row] = await tx.run<PairingRow>('mutation/end-pairing', {
    id: ending.id,
    validTo: ending.validTo,
    reason: ending.reason,
    document,
    quote,
  });
  if (!row) throw new Error(`endPairing: ${ending.id} vanished inside the transaction`);
  await recordChange(tx, change, {
    entityId: ending.id,
    entityKind: 'Pairing',
    before: pairingState(before),
    after: pairingState(row),
    reason: ending.reason,
    source: ending.source,
  });
  return pairingObject(row);
}

interface StartInput {
  id?: string | null;
  kind: string;
  partnerId: string;
  targetId: string;
  programme?: string | null;
  validFrom: string;
  reason?: string | null;
  source?: SourceInput | null;
}

interface RematchArgs {
  id: string;
  newPartnerId: string;
  date: string;
  reason: string;
  source?: SourceInput | null;
}

async function rematchPairing(tx: WriteTx, actor: string, args: RematchArgs, date: string, reason: string, source: SourceInput | null) {
  const old = await lockPairing(tx, args.id);
  if (!old) throw notFound('id', args.id);
  const kind = String(old.pairing.kind);
  if (!isPairingKind(kind)) throw conflict('id', `pairing ${args.id} has no known kind ("${kind}")`);
  if (old.pairing.validTo != null || old.pairing.status === 'ended') {
    throw conflict('id', `pairing ${args.id} already ended on ${String(old.pairing.validTo)}; start a new pairing instead`);
  }
  const lastDay = dayBefore(date);
  const validFrom = old.pairing.validFrom as string | undefined;
  if (validFrom != null && lastDay < validFrom) {
    throw badInput('date', `must be after ${validFrom}, the day pairing ${args.id} started (it ends the day before the new one starts)`);
  }
  if (old.partner.id === args.newPartnerId) throw badInput('newPartnerId', `is already the partner of pairing ${args.id}`);

  // Both changes in this one transaction, the old pairing first: a refusal of the new one (an
  // unknown partner, an overlap) undoes the ending too.
  const next = changeIds(actor, 'rematchPairing');
  await closePairing(tx, next(), { id: args.id, validTo: lastDay, reason, source }, { id: 'id', validTo: 'date' });
  return createPairing(
    tx,
    next(),
    {
      id: newIdArg('id', null, kind),
      kind,
      partnerId: args.newPartnerId,
      targetId: String(old.target.id),
      programme: (old.pairing.programme as string | undefined) ?? null,
      validFrom: date,
      reason,
      replaces: args.id,
      source,
    },
    { id: 'id', partner: 'newPartnerId', target: 'id' },
  );
}

/** Who is writing: the policy (auth/policy.ts) lets only signed-in writers reach a mutation. */
function writerOf(context: MercuriusContext): Principal {
  if (!context.principal) throw new ApiError('UNAUTHENTICATED', ERROR_CODES.UNAUTHENTICATED);
  return context.principal;
}

/**
 * One mutation's transaction: the editor's scope first (the targets `targetsOf` names, read inside the
 * transaction), then the work, at most once per client mutation id.
 */
function writeOnce<T extends { id: string }>(
  context: MercuriusContext,
  clientMutationId: string | null | undefined,
  action: string,
  targetsOf: (tx: WriteTx) => Target[] | Promise<Target[]>,
  work: (tx: WriteTx, actor: string) => Promise<T>,
): Promise<T> {
  const principal = writerOf(context);
  const clientId = clientMutationIdArg(clientMutationId);
  // The last attempt's transaction is the one that committed (the driver retries transient failures).
  let last: WriteTx | undefined;
  return context.app.store
    .write((tx) => {
      last = tx;
      return applyOnce(tx, principal, clientId, action, async () => {
        await requireInScope(tx, principal, await targetsOf(tx));
        return work(tx, context.actor);
      });
    })
    .then((result) => {
      announceCommitted(writtenIn(last));
      return result;
    });
}

/** Both ends of a stored pairing: ending or re-matching it changes a relationship between them. */
async function pairingEnds(tx: WriteTx, id: string): Promise<Target[]> {
  const row = await lockPairing(tx, id);
  if (!row) return [];
  return [
    { field: 'id', id: String(row.target.id), what: "the pairing's target" },
    { field: 'id', id: String(row.partner.id), what: "the pairing's partner" },
  ];
}

/**
 * The organizations `id` reports to now: a move ends those links, so they must be inside too. The
 * hierarchy lock comes first, as in every move (see mutation/lock-hierarchy), so that the parents read
 * here are the ones the move replaces and concurrent moves still queue instead of deadlocking.
 */
async function currentParents(tx: WriteTx, id: string): Promise<Target[]> {
  await tx.run('mutation/lock-hierarchy');
  const row = (await lockEntities(tx, [id])).get(id);
  return (row?.parents ?? []).map((p) => ({ field: 'id', id: p.parentId, what: 'the organization it reports to now' }));
}

interface Retryable {
  clientMutationId?: string | null;
}

export const mutationResolvers: IResolvers = {
  Mutation: {
    createOrganization: (_root, { input, clientMutationId }: { input: CreateInput } & Retryable, context) => {
      const args = creationArgs(input, 'Organization');
      const targets = [
        { field: 'input.parentId', id: input.parentId },
        { field: 'input.governsPlaceId', id: input.governsPlaceId },
      ];
      return writeOnce(
        context,
        clientMutationId,
        'createOrganization',
        () => targets,
        (tx, actor) => createEntity(tx, actor, input, args, 'Organization'),
      );
    },
    createPlace: (_root, { input, clientMutationId }: { input: CreateInput } & Retryable, context) => {
      const args = creationArgs(input, 'Place');
      return writeOnce(
        context,
        clientMutationId,
        'createPlace',
        () => [{ field: 'input.parentId', id: input.parentId }],
        (tx, actor) => createEntity(tx, actor, input, args, 'Place'),
      );
    },
    updateOrganization: (_root, { id, input, clientMutationId }: { id: string; input: UpdateInput } & Retryable, context) => {
      const args = updateArgs(input);
      return writeOnce(
        context,
        clientMutationId,
        'updateOrganization',
        () => [{ field: 'id', id }],
        (tx, actor) => updateEntity(tx, actor, id, args, 'Organization'),
      );
    },
    updatePlace: (_root, { id, input, clientMutationId }: { id: string; input: UpdateInput } & Retryable, context) => {
      const args = updateArgs(input);
      return writeOnce(
        context,
        clientMutationId,
        'updatePlace',
        () => [{ field: 'id', id }],
        (tx, actor) => updateEntity(tx, actor, id, args, 'Place'),
      );
    },
    moveOrganization: (_root, args: MoveArgs & Retryable, context) => {
      const reason = optionalTextArg('reason', args.reason);
      const source = sourceArg('source', args.source);
      const targets = [
        { field: 'id', id: args.id },
        { field: 'newParentId', id: args.newParentId },
      ];
      return writeOnce(
        context,
        args.clientMutationId,
        'moveOrganization',
        async (tx) => [...targets, ...(await currentParents(tx, args.id))],
        (tx, actor) => moveOrganization(tx, actor, args, reason, source),
      );
    },
    startPairing: (_root, { input, clientMutationId }: { input: StartInput } & Retryable, context) => {
      if (!isPairingKind(input.kind)) throw badInput('input.kind', `must be one of ${Object.keys(PAIRING_KINDS).join(', ')}`);
      const pairing: NewPairing = {
        id: newIdArg('input.id', input.id, input.kind),
        kind: input.kind,
        partnerId: input.partnerId,
        targetId: input.targetId,
        programme: optionalTextArg('input.programme', input.programme),
        validFrom: dateArg('input.validFrom', input.validFrom),
        reason: optionalTextArg('input.reason', input.reason),
        replaces: null,
        source: sourceArg('input.source', input.source),
      };
      const fields = { id: 'input.id', partner: 'input.partnerId', target: 'input.targetId' };
      return writeOnce(
        context,
        clientMutationId,
        'startPairing',
        () => [
          { field: fields.target, id: input.targetId },
          { field: fields.partner, id: input.partnerId },
        ],
        (tx, actor) => createPairing(tx, changeIds(actor, 'startPairing')(), pairing, fields),
      );
    },
    endPairing: (_root, args: { id: string; validTo: string; reason: string; source?: SourceInput | null } & Retryable, context) => {
      const ending: Ending = {
        id: args.id,
        validTo: dateArg('validTo', args.validTo),
        reason: textArg('reason', args.reason),
        source: sourceArg('source', args.source),
      };
      return writeOnce(
        context,
        args.clientMutationId,
        'endPairing',
        (tx) => pairingEnds(tx, args.id),
        (tx, actor) => closePairing(tx, changeIds(actor, 'endPairing')(), ending, { id: 'id', validTo: 'validTo' }),
      );
    },
    rematchPairing: (_root, args: RematchArgs & Retryable, context) => {
      const date = dateArg('date', args.date);
      const reason = textArg('reason', args.reason);
      const source = sourceArg('source', args.source);
      return writeOnce(
        context,
        args.clientMutationId,
        'rematchPairing',
        async (tx) => [...(await pairingEnds(tx, args.id)), { field: 'newPartnerId', id: args.newPartnerId }],
        (tx, actor) => rematchPairing(tx, actor, args, date, reason, source),
      );
    },
  },
};
