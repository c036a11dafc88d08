/**
 * The benchmark run (started by bench/run.ts). Quick: few repetitions on the city graph, for CI.
 * Full: every section, on the city and the province graph. `--only=api,peer,dbhits,cpu,scale,throughput,n+1,viewer,load` (or viewer-large: 7b alone)
 * re-runs some sections only, keeping the other sections' rows from the previous results; `--skip=viewer,…`
 * runs all but those (still a whole run, the reference).
 */
import { readFileSync } from 'node:fs';
import { Report } from './lib/report.ts';
import { type BenchStore, openStore } from './lib/stores.ts';
import { apiVsRaw } from './sections/api-vs-raw.ts';
import { cpuPerRequest } from './sections/cpu.ts';
import { dbHitsSection } from './sections/db-hits.ts';
import { load } from './sections/load.ts';
import { noNPlusOne } from './sections/n-plus-one.ts';
import { againstPeer } from './sections/peer.ts';
import { scale } from './sections/scale.ts';
import { throughput } from './sections/throughput.ts';
import { viewer, viewerLarge } from './sections/viewer.ts';
import { writeReadmeTable } from './table.ts';

const quick = process.argv.includes('--quick');
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
// `--skip=viewer,…`: a whole run without some sections (e.g. while the viewer is being changed); it is
// still the reference, and its notes say what was skipped.
const skip =
  process.argv
    .find((a) => a.startsWith('--skip='))
    ?.slice(7)
    .split(',') ?? [];
const wants = (section: string) => (!only || only.includes(section)) && !skip.some((x) => section === x || section.startsWith(`${x}-`)); // viewer: viewer-large too

// `--city-store=<dir under .data>`: the city graph from another store than bench-city (one run at a time
// may use a store; another run may hold bench-city). The store is checked and loaded as bench-city is.
const cityStore = process.argv.find((a) => a.startsWith('--city-store='))?.slice(13);

const report = new Report(quick ? 'quick' : 'full');
const stores: BenchStore[] = [];

async function main() {
  report.notes.push(
    'API requests carry an admin bearer token (the app verifies it on every request); RATE_LIMIT_MAX=1000000; GRAPHQL_MAX_COST and GRAPHQL_MAX_DEPTH raised, since the product defaults (20,000 and 12) refuse the 5-level nested query over a whole district.',
    'Sections 1–4 go through app.inject (the full Fastify + Mercurius request path without a socket); section 5 through a real HTTP listener on 127.0.0.1.',
  );
  if (skip.length > 0) report.notes.push(`sections skipped (--skip): ${skip.join(', ')}`);
  const city = await openStore({ scale: 'city', dir: cityStore, heap: '1g', pageCache: '512m' });
  stores.push(city);
  report.graphs.city = { nodes: city.nodes, relationships: city.relationships, seed: city.seed, prefix: city.prefix };
  const province = quick ? null : await openStore({ scale: 'province', heap: '2g', pageCache: '1g' });
  if (province) {
    stores.push(province);
    report.graphs.province = { nodes: province.nodes, relationships: province.relationships, seed: province.seed, prefix: province.prefix };
  }

  if (wants('api')) {
    await apiVsRaw(report, city, quick ? { rounds: 30, warmup: 5 } : { rounds: 200, warmup: 20 });
    if (province) await apiVsRaw(report, province, { rounds: 100, warmup: 10 });
  }
  if (wants('peer')) {
    await againstPeer(report, city, quick ? { rounds: 10, warmup: 2 } : { rounds: 100, warmup: 10 });
    if (province) await againstPeer(report, province, { rounds: 50, warmup: 5 });
  }
  if (wants('dbhits')) {
    await dbHitsSection(report, city);
    if (province) await dbHitsSection(report, province);
  }
  if (wants('cpu')) {
    await cpuPerRequest(report, city, quick ? { blocks: 4, requests: 10 } : { blocks: 6, requests: 20 });
    if (province) await cpuPerRequest(report, province, { blocks: 4, requests: 10 });
  }
  if (wants('n+1')) await noNPlusOne(report, city, quick ? { rounds: 5, warmup: 1 } : { rounds: 30, warmup: 3 });
  if (province && wants('scale')) await scale(report, city, province, { rounds: 100, warmup: 10 });
  if (wants('throughput')) {
    await throughput(report, city, quick ? { runs: 1, seconds: 5, connections: 16 } : { runs: 3, seconds: 15, connections: 16 });
  }
  if (wants('viewer')) await viewer(report, city, quick ? 1 : 3);
  else if (wants('viewer-large')) await viewerLarge(report, city);
  // Last: it starts a store of its own and writes a whole graph into it.
  if (wants('load')) {
    for (const store of stores.splice(0)) await store.stop();
    await load(report, quick ? 'city' : 'province', quick ? { reps: 1, rows: 500 } : { reps: 2, rows: 2_000 });
  }
}

try {
  await main();
} catch (error) {
  console.error((error as Error).stack ?? error);
  report.notes.push(`the run failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  for (const store of stores) await store.stop();
  report.write('bench/results', only !== undefined);
  // A whole run is the new reference: the README's table is made from it.
  if (only === undefined) writeReadmeTable();
  console.log(`\n${readFileSync('bench/results/latest.md', 'utf8')}\nwritten: bench/results/latest.json, bench/results/latest.md`);
}
