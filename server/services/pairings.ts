/**
 * Pairings (结对): the stored pairing with its two ends as the GraphQL Pairing, the filtered list the
 * pairings question, a coverage's pairings and the pairings export all read, and the changes to
 * pairings the mutations make (start, end, re-match), by the write rules the import obeys too
 * (graph/write-rules.ts). Ending a pairing closes its interval and never deletes it.
 */
import { changeIds, provenanceOf as changeProvenance, type PendingChange, recordChange, type SourceInput } from '../../graph/change-log.ts';
import { type Props, provenanceOf, toEntity } from '../../graph/entity-mapper.ts';
import { badInput, conflict, notFound } from '../../graph/errors.ts';
import type { GraphStore, WriteTx } from '../../graph/graph-store.ts';
import { endsBeforeStart, hasEnded, scopeTargets, spansOverlap } from '../../graph/write-rules.ts';
import { isPairingKind, type PairingKind } from '../../schema/model.ts';
import { optionalDateArg } from '../args.ts';
import { dayBefore, newIdArg } from '../edit-args.ts';
import type { Page } from '../paging.ts';
import type { Target } from '../write-guards.ts';
import { optionalArea } from './areas.ts';
import { lockEntities } from './entities.ts';
import { type LockedEntity, pairingEndOf } from './write-refusals.ts';

export interface PairingRow {
  pairing: Props;
  partner: Props;
  target: Props;
}

export function pairingObject({ pairing, partner, target }: PairingRow) {
  return {
    id: String(pairing.id),
    kind: String(pairing.kind),
    partner: toEntity(partner),
    target: toEntity(target),
    programme: (pairing.programme as string | undefined) ?? null,
    status: hasEnded(pairing) ? 'ended' : 'active',
    validFrom: (pairing.validFrom as string | undefined) ?? null,
    validTo: (pairing.validTo as string | undefined) ?? null,
    reason: (pairing.reason as string | undefined) ?? null,
    replaces: (pairing.replaces as string | undefined) ?? null,
    ...provenanceOf(pairing),
    synthetic: pairing.synthetic === true,
  };
}

export type PairingObject = ReturnType<typeof pairingObject>;

/** Whether a pairing is active on a date: its interval holds that day (cypher/fragments/active-on.cypher says the same in Cypher). */
export const isActiveOn = (p: Pick<PairingObject, 'validFrom' | 'validTo'>, date: string) =>
  spansOverlap({ from: p.validFrom, to: p.validTo }, { from: date, to: date });

/** What a list of pairings is narrowed by; every value already checked (null: no narrowing). */
export interface PairingFilter {
  areaId: string | null;
  entityId: string | null;
  kind: string | null;
  programme: string | null;
  status: string | null;
  activeOn: string | null;
  includeSynthetic: boolean;
}

/** One page of the pairings that pass the filter, and how many pass (pairing/list-pairings, one query). */
export async function listPairings(
  store: Pick<GraphStore, 'read'>,
  filter: PairingFilter,
  page: Page,
): Promise<{ total: number; items: PairingObject[] }> {
  const [row] = await store.read<{ total: number; items: PairingRow[] }>('pairing/list-pairings', {
    ...filter,
    offset: page.offset,
    limit: page.limit,
  });
  return { total: row?.total ?? 0, items: (row?.items ?? []).map(pairingObject) };
}

/** The pairings question's arguments, as the API and the pairings export take them, not yet checked. */
export interface PairingsArgs {
  area?: string | null;
  entity?: string | null;
  kind?: string | null;
  programme?: string | null;
  status?: string | null;
  activeOn?: string | null;
  includeSynthetic?: boolean | null;
}

/** One page of the pairings question: its area found (none: everywhere), its date checked, and the filter it became. */
export async function findPairings(store: Pick<GraphStore, 'read'>, args: PairingsArgs, page: Page) {
  const { area, includeSynthetic } = await optionalArea(store, args);
  const filter: PairingFilter = {
    areaId: area?.id ?? null,
    entityId: args.entity ?? null,
    kind: args.kind ?? null,
    programme: args.programme ?? null,
    status: args.status ?? null,
    activeOn: optionalDateArg('activeOn', args.activeOn),
    includeSynthetic,
  };
  return { area, filter, ...(await listPairings(store, filter, page)) };
}

/** One pairing by id, or null. */
export async function getPairing(store: Pick<GraphStore, 'read'>, id: string): Promise<PairingObject | null> {
  const [row] = await store.read<PairingRow>('pairing/get-pairing', { id });
  return row ? pairingObject(row) : null;
}

// --- changes to pairings (数据维护): start, end, re-match -------------------------------------------
// Each runs inside the mutation's one write transaction (resolvers/mutations.ts), like services/entities.ts.

/** A new pairing's checked arguments. */
export interface NewPairing {
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
export interface PairingFields {
  id: string;
  partner: string;
  target: string;
}

const pairingState = (row: PairingRow) => ({ ...row.pairing, partnerId: row.partner.id, targetId: row.target.id });

export async function lockPairing(tx: WriteTx, id: string): Promise<PairingRow | undefined> {
  const [row] = await tx.run<PairingRow>('mutation/lock-pairing', { id });
  return row;
}

/** What starting a pairing must find inside an editor's area: both its ends, the target first. */
export const startTargets = (pairing: Pick<NewPairing, 'partnerId' | 'targetId'>, fields: PairingFields): Target[] =>
  scopeTargets({ partner: pairing.partnerId, target: pairing.targetId }).map(({ role, id }) => ({
    field: role === 'target' ? fields.target : fields.partner,
    id,
  }));

/** What ending or re-matching a stored pairing must find inside an editor's area: both its ends. */
export async function pairingEnds(tx: WriteTx, id: string): Promise<Target[]> {
  const row = await lockPairing(tx, id);
  if (!row) return [];
  return scopeTargets({ partner: String(row.partner.id), target: String(row.target.id) }).map(({ role, id: end }) => ({
    field: 'id',
    id: end,
    what: `the pairing's ${role}`,
  }));
}

/** A new pairing's ends judged against what is stored (`found`, locked): both exist and are of the kinds its kind joins. */
export function checkPairingEnds(
  found: ReadonlyMap<string, LockedEntity>,
  pairing: Pick<NewPairing, 'kind' | 'partnerId' | 'targetId'>,
  fields: Pick<PairingFields, 'partner' | 'target'>,
) {
  const partner = found.get(pairing.partnerId);
  if (!partner) throw notFound(fields.partner, pairing.partnerId);
  const target = found.get(pairing.targetId);
  if (!target) throw notFound(fields.target, pairing.targetId);
  pairingEndOf(fields.partner, partner, pairing.kind, 'from');
  pairingEndOf(fields.target, target, pairing.kind, 'to');
  return { partner, target };
}

export async function createPairing(tx: WriteTx, change: PendingChange, pairing: NewPairing, fields: PairingFields) {
  if (await lockPairing(tx, pairing.id)) throw conflict(fields.id, `"${pairing.id}" is already used by another pairing`);
  const { partner, target } = checkPairingEnds(await lockEntities(tx, [pairing.partnerId, pairing.targetId]), pairing, fields);
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

  const { props: provenance } = changeProvenance(change, pairing.source);
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

/** An ending's checked arguments. */
export interface Ending {
  id: string;
  validTo: string;
  reason: string;
  source: SourceInput | null;
}

export async function closePairing(tx: WriteTx, change: PendingChange, ending: Ending, fields: { id: string; validTo: string }) {
  const before = await lockPairing(tx, ending.id);
  if (!before) throw notFound(fields.id, ending.id);
  const { validFrom, validTo } = before.pairing as { validFrom?: string; validTo?: string };
  if (hasEnded(before.pairing)) {
    throw conflict(fields.id, `pairing ${ending.id} already ended${validTo ? ` on ${validTo}` : ''}`);
  }
  if (endsBeforeStart(validFrom, ending.validTo)) {
    throw badInput(fields.validTo, `the pairing would end on ${ending.validTo}, before it started (${validFrom})`);
  }
  const { document, quote } = changeProvenance(change, ending.source);
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

/** A re-match's checked arguments: the new partner from `date`, the old pairing ending the day before. */
export interface Rematch {
  id: string;
  newPartnerId: string;
  date: string;
  reason: string;
  source: SourceInput | null;
}

export async function rematchPairing(tx: WriteTx, actor: string, rematch: Rematch) {
  const { id, date, reason, source } = rematch;
  const old = await lockPairing(tx, id);
  if (!old) throw notFound('id', id);
  const kind = String(old.pairing.kind);
  if (!isPairingKind(kind)) throw conflict('id', `pairing ${id} has no known kind ("${kind}")`);
  if (hasEnded(old.pairing)) {
    throw conflict('id', `pairing ${id} already ended on ${String(old.pairing.validTo)}; start a new pairing instead`);
  }
  const lastDay = dayBefore(date);
  const validFrom = old.pairing.validFrom as string | undefined;
  if (endsBeforeStart(validFrom, lastDay)) {
    throw badInput('date', `must be after ${validFrom}, the day pairing ${id} started (it ends the day before the new one starts)`);
  }
  if (old.partner.id === rematch.newPartnerId) throw badInput('newPartnerId', `is already the partner of pairing ${id}`);

  // Both changes in this one transaction, the old pairing first: a refusal of the new one (an
  // unknown partner, an overlap) undoes the ending too.
  const next = changeIds(actor, 'rematchPairing');
  await closePairing(tx, next(), { id, validTo: lastDay, reason, source }, { id: 'id', validTo: 'date' });
  return createPairing(
    tx,
    next(),
    {
      id: newIdArg('id', null, kind),
      kind,
      partnerId: rematch.newPartnerId,
      targetId: String(old.target.id),
      programme: (old.pairing.programme as string | undefined) ?? null,
      validFrom: date,
      reason,
      replaces: id,
      source,
    },
    { id: 'id', partner: 'newPartnerId', target: 'id' },
  );
}
