/**
 * The change log (变更记录): every mutation writes one :Change node per entity or pairing it changes,
 * in the same transaction as the change itself, saying who, when, what, before and after. A Change has
 * no relationships (it never shows up in graph paths); `entityId` links it to what it is about.
 */
import { randomBytes } from 'node:crypto';
import { noteWritten } from './committed-writes.ts';
import type { WriteTx } from './graph-store.ts';
import { provenanceFrom } from './write-rules.ts';

/** A document and the sentence in it that states a change, as the data clerk gives it. */
export interface SourceInput {
  document: string;
  quote: string;
}

/** One entry about to be written: its id and time are fixed before the write, so provenance can cite it. */
export interface PendingChange {
  id: string;
  at: string;
  actor: string;
  action: string;
}

/**
 * Opens the entries of one write (a mutation, an import). Ids sort by time and then by order within
 * the write, so "newest first" is stable even for entries written in the same millisecond. Each entry
 * names its own action: an import creates, updates and moves in one go.
 */
export function changeSequence(actor: string, at = new Date().toISOString()): (action: string) => PendingChange {
  let sequence = 0;
  return (action) => {
    sequence += 1;
    return { id: `chg-${at.replace(/\D/g, '')}-${sequence}-${randomBytes(4).toString('hex')}`, at, actor, action };
  };
}

/** The entries of one mutation, all of one action (see changeSequence). */
export function changeIds(actor: string, action: string, at = new Date().toISOString()): () => PendingChange {
  const next = changeSequence(actor, at);
  return () => next(action);
}

/**
 * The provenance a change gives what it writes: the document given, or else the change itself, so
 * that no entity, link or pairing is ever without a source.
 */
export function provenanceOf(change: PendingChange, source: SourceInput | null | undefined) {
  // The quote names the action, not who did it: sources are shown to every role, actors are not.
  const { document, quote } = source ?? { document: `change:${change.id}`, quote: `${change.action} (no source document given)` };
  return { document, quote, props: provenanceFrom({ document, quote }) };
}

/** A state as JSON with its keys sorted, so equal states read the same in the log. */
export function snapshot(state: Record<string, unknown>): string {
  return JSON.stringify(state, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
}

export interface ChangeEntry {
  entityId: string;
  /** Organization, Place or Pairing. */
  entityKind: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
  reason?: string | null;
  /** The document the change comes from (a report, an order, an import file). */
  source?: Pick<SourceInput, 'document'> | null;
}

/** One entry of the log as it is stored: a :Change node's properties. */
export function changeRecord(change: PendingChange, entry: ChangeEntry) {
  return {
    ...change,
    entityId: entry.entityId,
    entityKind: entry.entityKind,
    before: entry.before == null ? null : snapshot(entry.before),
    after: snapshot(entry.after),
    reason: entry.reason ?? null,
    source: entry.source?.document ?? null,
  };
}

export type ChangeRecord = ReturnType<typeof changeRecord>;

/** Writes one entry of the log inside the mutation's transaction. */
export async function recordChange(tx: WriteTx, change: PendingChange, entry: ChangeEntry): Promise<void> {
  const record = changeRecord(change, entry);
  await tx.run('change/record-change', { change: record });
  // Announced to live subscribers once the transaction commits (live/changes-committed.ts).
  noteWritten(tx, record);
}
