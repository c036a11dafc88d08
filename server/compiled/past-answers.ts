/**
 * Answers about a past date, kept: a named read whose `asOf` is a date before today (UTC, as
 * server/args.ts dateArg reads "today") returns what it returned last time, until a write commits.
 * Such an answer changes only when the graph does; an answer about today or any later date also moves
 * with the calendar (pairings begin and end), so it is never kept.
 *
 * Every committed write empties the cache (graph/committed-writes.ts announces them, from mutations
 * and imports alike), not only back-dated ones: most of the graph (who reports to whom, which places
 * lie in an area) carries no date, so an edit dated today still changes the answers about last year.
 * Writes this process does not see (a restore or an import run from the command line against the
 * same database) are bounded by `maxAgeMs`. Kept per query text and parameters, so a caller whose
 * parameters differ (an editor's scope, includeSynthetic) never reads another's rows.
 */
import { COMMITTED, committedWrites } from '../../graph/committed-writes.ts';
import type { GraphStore } from '../../graph/graph-store.ts';

export interface PastAnswerOptions {
  /** How many answers are kept (least recently used first out). */
  max: number;
  /** The longest an answer is kept, for writes made by other processes. */
  maxAgeMs: number;
  /** Today, as YYYY-MM-DD (UTC). */
  today?: () => string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a read's answer is about a past date only: it takes `asOf`, and that is before today. */
export function aboutThePast(params: Record<string, unknown>, today: string): boolean {
  const asOf = params.asOf;
  return typeof asOf === 'string' && ISO_DATE.test(asOf) && asOf < today;
}

/**
 * Wraps the store's named reads with the cache; returns a function that removes it. Only reads
 * (readByName, through which read() runs) are kept; compiled reads and writes pass through.
 */
export function keepPastAnswers(store: GraphStore, options: PastAnswerOptions): () => void {
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  const kept = new Map<string, { at: number; rows: unknown[] }>();
  const original = store.readByName;
  // A read that was running when a write committed may hold the rows from before it: not kept.
  let generation = 0;
  const clear = () => {
    generation += 1;
    kept.clear();
  };
  committedWrites.on(COMMITTED, clear);
  store.readByName = (async (name: string, params: Record<string, unknown> = {}) => {
    if (!aboutThePast(params, today())) return original.call(store, name as never, params);
    const key = `${name}\u0000${JSON.stringify(Object.entries(params).sort(([a], [b]) => a.localeCompare(b)))}`;
    const hit = kept.get(key);
    if (hit && Date.now() - hit.at <= options.maxAgeMs) {
      // Most recently used last, so the first key is the one to drop.
      kept.delete(key);
      kept.set(key, hit);
      return structuredClone(hit.rows);
    }
    const started = generation;
    const rows = await original.call(store, name as never, params);
    if (started !== generation) return rows;
    kept.set(key, { at: Date.now(), rows: structuredClone(rows) });
    while (kept.size > options.max) kept.delete(kept.keys().next().value!);
    return rows;
  }) as typeof store.readByName;
  return () => {
    committedWrites.off(COMMITTED, clear);
    delete (store as unknown as Record<string, unknown>).readByName;
  };
}
