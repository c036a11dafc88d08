/**
 * 3. No N+1: the 5-level nested query (district committee → its organizations → theirs → the villages
 * they cover → pairings) with the product's loaders (one UNWIND $ids query per level) against the same
 * app with each loader turned into a resolver that queries once per parent. Round trips are counted
 * by the store every resolver goes through (GraphStore.roundTrips).
 */
import { type BenchApp, buildBenchApp, inject } from '../lib/bench-app.ts';
import type { Report } from '../lib/report.ts';
import { interleave, ms, summarize } from '../lib/stats.ts';
import type { BenchStore } from '../lib/stores.ts';
import { nestedQuery, sample } from './queries.ts';

const LEVELS = 5;

async function tripsOf(app: BenchApp, query: string) {
  const before = app.store.roundTrips;
  const result = await inject(app, query);
  return { trips: app.store.roundTrips - before, result };
}

export async function noNPlusOne(report: Report, store: BenchStore, effort: { rounds: number; warmup: number }) {
  const section = '3. No N+1: nested query with loaders vs per-parent resolvers';
  console.log(`\n${section}: ${store.name} graph, ${effort.rounds} rounds`);
  const s = await sample(store.driver, store.prefix);
  const query = nestedQuery(s.district.id);
  const loaders = await buildBenchApp(store);
  const perParent = await buildBenchApp(store, { perParentResolvers: true });
  try {
    const withLoaders = await tripsOf(loaders, query);
    const without = await tripsOf(perParent, query);
    if (JSON.stringify(withLoaders.result.data) !== JSON.stringify(without.result.data)) {
      throw new Error('the per-parent resolvers answered differently from the loaders');
    }
    const parents = countParents(withLoaders.result.data);
    const times = await interleave({ loaders: () => inject(loaders, query), perParent: () => inject(perParent, query) }, effort);
    const t = { loaders: summarize(times.loaders), perParent: summarize(times.perParent) };
    report.ratio(section, `round trips with loaders / levels (${store.name})`, withLoaders.trips / LEVELS, 1, {
      detail: `${withLoaders.trips} round trips for ${LEVELS} levels over ${parents.join(' → ')} parents`,
    });
    report.ratio(section, `round trips per-parent / with loaders (${store.name})`, without.trips / withLoaders.trips, null, {
      detail: `${without.trips} vs ${withLoaders.trips}`,
    });
    report.ratio(section, `latency p50 per-parent / with loaders (${store.name})`, t.perParent.p50 / t.loaders.p50, 1, {
      atLeast: true,
      detail: `${ms(t.perParent.p50)} / ${ms(t.loaders.p50)} ms`,
    });
    report.ratio(section, `latency p99 per-parent / with loaders (${store.name})`, t.perParent.p99 / t.loaders.p99, null, {
      detail: `${ms(t.perParent.p99)} / ${ms(t.loaders.p99)} ms`,
    });
    report.raw[`nPlusOne:${store.name}`] = {
      query,
      levels: LEVELS,
      parentsPerLevel: parents,
      roundTrips: { loaders: withLoaders.trips, perParent: without.trips },
      ...t,
    };
  } finally {
    await loaders.close();
    await perParent.close();
  }
}

/** How many objects each level of the nested answer holds. */
function countParents(data: unknown): number[] {
  type Level = { children?: { nodes: Level[] }; covers?: { nodes: Level[] }; pairings?: unknown[] };
  const org = (data as { organization: Level }).organization;
  const level2 = org.children?.nodes ?? [];
  const level3 = level2.flatMap((o) => o.children?.nodes ?? []);
  const level4 = level3.flatMap((o) => o.covers?.nodes ?? []);
  const level5 = level4.flatMap((v) => v.pairings ?? []);
  return [1, level2.length, level3.length, level4.length, level5.length];
}
