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

/**
 * Runs each variant `rounds` times, interleaved (round i runs them all, in an order rotated by i) after
 * `warmup` untimed rounds, so the machine's drift and other processes' bursts fall on every variant
 * alike. Returns the timings in milliseconds per variant.
 */
export async function interleave<K extends string>(
  variants: Record<K, () => Promise<unknown>>,
  { rounds, warmup }: { rounds: number; warmup: number },
): Promise<Record<K, number[]>> {
  const names = Object.keys(variants) as K[];
  const times = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < warmup; i += 1) for (const name of names) await variants[name]();
  for (let i = 0; i < rounds; i += 1) {
    for (let k = 0; k < names.length; k += 1) {
      const name = names[(i + k) % names.length]!;
      const started = performance.now();
      await variants[name]();
      times[name].push(performance.now() - started);
    }
  }
  return times;
}

export const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
