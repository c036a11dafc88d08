/** Percentiles, and the interleaved runner every latency comparison goes through. */

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const median = (values: number[]) => percentile(values, 50);

export interface Timings {
  p50: number;
  p99: number;
  samples: number;
}

export const summarize = (times: number[]): Timings => ({ p50: percentile(times, 50), p99: percentile(times, 99), samples: times.length });

/** Every ordering of the items (for the handful of variants a comparison has). */
function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

/**
 * Runs each variant `rounds` times, interleaved, after `warmup` untimed rounds, so the machine's drift
 * and other processes' bursts fall on every variant alike. Round i runs every variant in the i-th of
 * all their orderings (cyclically): each variant runs first, last, and right after each other variant
 * equally often. (A mere rotation is not enough: what runs just before a variant shows in its time —
 * e.g. the garbage a GraphQL request leaves behind — and a rotation always puts the same neighbour
 * before it.) Returns the timings in milliseconds per variant.
 */
export async function interleave<K extends string>(
  variants: Record<K, () => Promise<unknown>>,
  { rounds, warmup }: { rounds: number; warmup: number },
): Promise<Record<K, number[]>> {
  const names = Object.keys(variants) as K[];
  const orders = permutations(names);
  const times = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < warmup; i += 1) for (const name of names) await variants[name]();
  for (let i = 0; i < rounds; i += 1) {
    for (const name of orders[i % orders.length]!) {
      const started = performance.now();
      await variants[name]();
      times[name].push(performance.now() - started);
    }
  }
  return times;
}

export const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));

/**
 * How many rounds a comparison gets: at least the effort's, and for a quick question more, up to
 * `budgetMs` of timing (at most ten times the effort's), so its p50 and p99 rest on enough samples
 * rather than on the slowest few of 50. A round's cost is measured by running every variant once.
 */
export async function roundsWithin(
  budgetMs: number,
  effort: { rounds: number },
  variants: Record<string, () => Promise<unknown>>,
): Promise<number> {
  const started = performance.now();
  for (const run of Object.values(variants)) await run();
  const round = performance.now() - started;
  return Math.max(effort.rounds, Math.min(10 * effort.rounds, Math.floor(budgetMs / (round + 1))));
}
