/**
 * 1. API vs the limit: each key question through the GraphQL API (app.inject: the whole Fastify +
 * Mercurius request path, no socket) against the very Cypher the API ran for it, with the same
 * parameters, replayed through the driver in the same process (reads that the API ran concurrently
 * replayed concurrently). Also the API with Mercurius `jit` (graphql-jit), built from the same app.
 */
import { cypher, type QueryName } from '../../graph/cypher-queries.ts';
import { type BenchApp, buildBenchApp, inject, type RecordedRead, recordReads } from '../lib/bench-app.ts';
import type { Report } from '../lib/report.ts';
import { interleave, ms, roundsWithin, summarize, type Timings } from '../lib/stats.ts';
import type { BenchStore } from '../lib/stores.ts';
import { TARGETS } from '../lib/targets.ts';
import { cases, sample } from './queries.ts';

export interface Effort {
  rounds: number;
  warmup: number;
}

/**
 * Replays recorded reads as GraphStore runs them: each statement through readCompiled, the store's one
 * auto-commit read (the very path readByName takes, minus the name lookup and the past-answer cache),
 * so the raw side does the API's database work and follows it when the store changes how it reads.
 */
export function replay(app: BenchApp, reads: RecordedRead[]) {
  const waves = [...new Set(reads.map((r) => r.wave))].map((w) => reads.filter((r) => r.wave === w));
  return async () => {
    for (const wave of waves) {
      await Promise.all(
        wave.map((read) => app.store.readCompiled({ text: read.text ?? cypher(read.name as QueryName), params: read.params })),
      );
    }
  };
}

/** A GraphQL request that reads nothing: the request path's own cost. */
const FLOOR = '{ __typename }';

/** Timing a quick case may take (lib/stats.ts roundsWithin; a round: three variants that ask the question, and the floor). */
const ROUNDS_BUDGET_MS = 4_000;

export async function apiVsRaw(report: Report, store: BenchStore, effort: Effort) {
  const section = '1. API vs the same Cypher through the driver (app.inject)';
  console.log(`\n${section}: ${store.name} graph, ${effort.rounds} rounds`);
  const s = await sample(store.driver, store.prefix);
  const plain = await buildBenchApp(store);
  const jit = await buildBenchApp(store, { jit: 1 });
  const figures: Record<string, unknown>[] = [];
  try {
    // The whole process warmed before any case is timed: the first case measured used to pay for V8
    // compiling the request path (the point lookup, first, showed 10 ms raw where it takes 3 warm).
    for (let i = 0; i < effort.warmup; i += 1) {
      for (const c of cases(s)) for (const app of [plain, jit]) await inject(app, c.graphql);
    }
    for (const c of cases(s)) {
      const { reads, result } = await recordReads(plain, c.graphql);
      // graphql-jit must answer exactly what graphql-js answers.
      await inject(jit, c.graphql);
      const jitResult = await inject(jit, c.graphql);
      if (JSON.stringify(jitResult.data) !== JSON.stringify(result.data)) throw new Error(`${c.name}: jit answered differently`);
      const variants = {
        api: () => inject(plain, c.graphql),
        apiJit: () => inject(jit, c.graphql),
        raw: replay(plain, reads),
        // The request path's floor: a GraphQL request that reads nothing, through the same app.inject
        // (light-my-request's simulated HTTP, the hooks, Mercurius), which the raw side does not pay.
        floor: () => inject(plain, FLOOR),
      };
      const rounds = await roundsWithin(ROUNDS_BUDGET_MS, effort, variants);
      const times = await interleave(variants, { rounds, warmup: effort.warmup });
      const t = { api: summarize(times.api), apiJit: summarize(times.apiJit), raw: summarize(times.raw), floor: summarize(times.floor) };
      figures.push({ graph: store.name, case: c.id, name: c.name, roundTrips: reads.length, rounds, ...t });
      const at = (x: Timings, y: Timings, p: 'p50' | 'p99') => `${ms(x[p])} / ${ms(y[p])} ms`;
      const suffix = `${c.name} (${store.name})`;
      report.ratio(section, `api/raw p50 · ${suffix}`, t.api.p50 / t.raw.p50, TARGETS.apiRawP50, {
        detail: `${at(t.api, t.raw, 'p50')}, ${reads.length} round trips, ${rounds} rounds`,
      });
      report.ratio(section, `api/raw p99 · ${suffix}`, t.api.p99 / t.raw.p99, TARGETS.apiRawP99, { detail: at(t.api, t.raw, 'p99') });
      report.ratio(section, `api+jit/raw p50 · ${suffix}`, t.apiJit.p50 / t.raw.p50, TARGETS.apiRawP50, {
        detail: at(t.apiJit, t.raw, 'p50'),
      });
      report.ratio(section, `api+jit/raw p99 · ${suffix}`, t.apiJit.p99 / t.raw.p99, TARGETS.apiRawP99, {
        detail: at(t.apiJit, t.raw, 'p99'),
      });
      report.ratio(section, `(api − floor)/raw p50 · ${suffix}`, (t.api.p50 - t.floor.p50) / t.raw.p50, null, {
        detail: `floor (${FLOOR} through the API) ${ms(t.floor.p50)} ms: what is left of the API's cost once the request path itself is paid`,
      });
      report.ratio(section, `jit/no jit p50 · ${suffix}`, t.apiJit.p50 / t.api.p50, null, { detail: at(t.apiJit, t.api, 'p50') });
    }
  } finally {
    await plain.close();
    await jit.close();
  }
  report.raw[`apiVsRaw:${store.name}`] = { sample: s, rounds: effort.rounds, warmup: effort.warmup, cases: figures };
}
