/**
 * The database time a unit of work may still spend. The server sets one per GraphQL request
 * (server/request-budget.ts); the store (graph-store.ts) reads it so every transaction gets only the
 * time left. Outside a request (exports, CLIs, the seed) there is none and a read gets its own timeout.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Neo4jError } from 'neo4j-driver';

export interface QueryBudget {
  /** Epoch milliseconds past which nothing more may be read. */
  readonly deadline: number;
  /** The error that says the time is spent (the API's own, worded for the caller). */
  spent(): Error;
}

const storage = new AsyncLocalStorage<QueryBudget>();

/** Runs `work` (and everything it awaits) inside `budget`. */
export const runInBudget = <T>(budget: QueryBudget, work: () => T): T => storage.run(budget, work);

/**
 * Runs one database read within the current budget: its timeout is what is left (never more than
 * `timeoutMs`), nothing left refuses it, and a timeout inside the budget is reported as the budget's.
 */
export async function withinBudget<T>(timeoutMs: number, read: (timeoutMs: number) => Promise<T>): Promise<T> {
  const budget = storage.getStore();
  if (!budget) return read(timeoutMs);
  const left = budget.deadline - Date.now();
  if (left <= 0) throw budget.spent();
  const timeout = Math.min(timeoutMs, Math.ceil(left));
  try {
    return await read(timeout);
  } catch (error) {
    if (error instanceof Neo4jError && error.code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut') && timeout < timeoutMs) {
      throw budget.spent();
    }
    throw error;
  }
}
