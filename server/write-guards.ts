/**
 * What every mutation checks inside its transaction before it writes: that the caller's scope covers
 * what it touches (an editor changes only its own area), and that a client mutation id it sends has
 * not been applied already (a retry after a lost answer returns the first result, applies nothing).
 */

import { announceCommitted, writtenIn } from '../graph/committed-writes.ts';
import { type Props, toEntity } from '../graph/entity-mapper.ts';
import { badInput, conflict, forbidden, notFound } from '../graph/errors.ts';
import type { GraphStore, WriteTx } from '../graph/graph-store.ts';
import { type Principal, writeScopeOf } from './auth/principal.ts';
import { type PairingRow, pairingObject } from './services/pairings.ts';

/** An entity a mutation touches, and the argument that named it (for the refusal). */
export interface Target {
  field: string;
  id: string | null | undefined;
  /** What the id is to the write when the field alone does not say (e.g. "the pairing's partner"). */
  what?: string;
}

/**
 * Refuses (FORBIDDEN, naming the argument) when an editor's write reaches outside its area. The
 * targets are every entity the write changes and both ends of every relationship it creates, changes
 * or ends; the rule itself is cypher/scope/find-outside-area.cypher, the one the import uses too.
 */
export async function requireInScope(tx: WriteTx, principal: Principal, targets: Target[]): Promise<void> {
  const scope = writeScopeOf(principal);
  if (scope === null) {
    // Unrestricted only for an admin; the field policy keeps other scopeless roles from writing at all.
    if (principal.role === 'admin') return;
    throw forbidden('scope', `the ${principal.role} role has no area it may change`);
  }
  const named = targets.filter((t): t is Target & { id: string } => t.id != null);
  const outside = new Set(
    (await tx.run<{ id: string }>('scope/find-outside-area', { scope, ids: named.map((t) => t.id) })).map((row) => row.id),
  );
  const first = firstOutside(named, outside);
  if (first) {
    const which = first.what ? `${first.what} "${first.id}"` : `"${first.id}"`;
    throw forbidden(first.field, `${which} is outside your area (${scope}); an editor changes only what lies in it`);
  }
}

/** The first target (in the order given) that lies outside the area, if any. */
export const firstOutside = (targets: Target[], outside: ReadonlySet<string>) =>
  targets.find((t): t is Target & { id: string } => t.id != null && outside.has(t.id));

const CLIENT_ID = /^[\p{L}\p{N}._:-]{1,100}$/u;

/** The checked client mutation id: null when none was sent. */
export function clientMutationIdArg(value: string | null | undefined): string | null {
  if (value == null) return null;
  if (!CLIENT_ID.test(value)) throw badInput('clientMutationId', 'must be 1–100 letters, digits or . _ : -');
  return value;
}

type Result = { id: string };

/**
 * Runs `work` once per (caller, client mutation id): the first time it runs and its result's id is
 * recorded in the same transaction; a retry gets that result as it now stands, without running again.
 */
export async function applyOnce<T extends Result>(
  tx: WriteTx,
  principal: Principal,
  clientMutationId: string | null,
  action: string,
  work: () => Promise<T>,
): Promise<T> {
  if (clientMutationId === null) return work();
  const key = JSON.stringify([principal.subject, clientMutationId]);
  const [claim] = await tx.run<{ state: string; action: string; resultId: string | null; resultKind: string | null }>(
    'mutation/claim-client-mutation',
    { key, action, at: new Date().toISOString() },
  );
  if (claim && claim.state === 'done') {
    if (claim.action !== action) throw conflict('clientMutationId', `was already used for ${claim.action}; use a new id for ${action}`);
    return (await resultOf(tx, String(claim.resultKind), String(claim.resultId))) as T;
  }
  const result = await work();
  const resultKind = 'partner' in result ? 'Pairing' : 'Entity';
  await tx.run('mutation/finish-client-mutation', { key, resultId: result.id, resultKind });
  return result;
}

async function resultOf(tx: WriteTx, kind: string, id: string): Promise<Result> {
  if (kind === 'Pairing') {
    const [row] = await tx.run<PairingRow>('mutation/lock-pairing', { id });
    if (!row) throw notFound('clientMutationId', id);
    return pairingObject(row);
  }
  const [row] = await tx.run<{ node: Props }>('entity/get-entities', { ids: [id] });
  if (!row) throw notFound('clientMutationId', id);
  return toEntity(row.node);
}

/**
 * One mutation's transaction: the editor's scope first (the targets `targetsOf` names, read inside the
 * transaction), then the work, at most once per client mutation id; its change-log entries are
 * announced to live subscribers once it has committed.
 */
export function writeOnce<T extends Result>(
  store: Pick<GraphStore, 'write'>,
  principal: Principal,
  clientMutationId: string | null,
  action: string,
  targetsOf: (tx: WriteTx) => Target[] | Promise<Target[]>,
  work: (tx: WriteTx) => Promise<T>,
): Promise<T> {
  // The last attempt's transaction is the one that committed (the driver retries transient failures).
  let last: WriteTx | undefined;
  return store
    .write((tx) => {
      last = tx;
      return applyOnce(tx, principal, clientMutationId, action, async () => {
        await requireInScope(tx, principal, await targetsOf(tx));
        return work(tx);
      });
    })
    .then((result) => {
      announceCommitted(writtenIn(last));
      return result;
    });
}
