/**
 * The change-log entries of committed writes, for live updates (live/changes-committed.ts). Kept apart
 * from the server so the change log and the import (also run from the command line) can note and
 * announce entries without loading it. Entries are noted as a transaction writes them and announced
 * only after it commits: a rolled back or retried attempt announces nothing.
 */
import { EventEmitter } from 'node:events';
import type { ChangeRecord } from './change-log.ts';

export const COMMITTED = 'CHANGES_COMMITTED';

/** The process's committed writes; each app built in it relays them to its own subscribers. */
export const committedWrites = new EventEmitter();
committedWrites.setMaxListeners(0);

/** Entries written by each open transaction (keyed by the transaction object), until it commits. */
const written = new WeakMap<object, ChangeRecord[]>();

/** Notes an entry a transaction wrote (change-log.ts recordChange calls this). */
export function noteWritten(tx: object, record: ChangeRecord): void {
  const list = written.get(tx);
  if (list) list.push(record);
  else written.set(tx, [record]);
}

/** The entries a transaction wrote, for announceCommitted once it has committed. */
export function writtenIn(tx: object | undefined): ChangeRecord[] {
  return (tx && written.get(tx)) ?? [];
}

/** Announces a committed write's entries (call only after the commit; nothing is sent for none). */
export function announceCommitted(changes: readonly ChangeRecord[]): void {
  // Sign-ins and account changes are the accounts' audit trail, not the graph's.
  const graphChanges = changes.filter((c) => c.entityKind !== 'Account');
  if (graphChanges.length > 0) committedWrites.emit(COMMITTED, graphChanges);
}
