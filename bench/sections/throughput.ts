/**
 * 5. Throughput: the product listening on a real port (127.0.0.1), loaded by autocannon in a child
 * process (so the load generator does not share the server's event loop) at fixed concurrency: the
 * most requests/s it serves, then latency at half that rate, evenly paced (lib/paced-load.mjs), where
 * p99/p50 should stay ≤ 3; what the server's process saw meanwhile (lib/tail-watch.ts) says where a
 * tail comes from.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { authHeader, buildBenchApp } from '../lib/bench-app.ts';
import type { Report } from '../lib/report.ts';
import { median } from '../lib/stats.ts';
import type { BenchStore } from '../lib/stores.ts';
import { type TailFigures, watchTail } from '../lib/tail-watch.ts';
import { TARGETS } from '../lib/targets.ts';
import { sample } from './queries.ts';

const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
const PACED = fileURLToPath(new URL('../lib/paced-load.mjs', import.meta.url));

interface CannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number; average: number };
  errors: number;
  non2xx: number;
  timeouts: number;
}

/** Runs a load generator in a child process (so it does not share the server's event loop); its JSON. */
function child<T>(args: string[], what: string): Promise<T> {
  return new Promise((done, fail) => {
    const process_ = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    process_.stdout.on('data', (d) => {
      out += d;
    });
    process_.stderr.on('data', (d) => {
      err += d;
    });
    process_.once('error', fail);
    process_.once('exit', (code) => {
      if (code !== 0) return fail(new Error(`${what} exited ${code}: ${err.slice(-500)}`));
      done(JSON.parse(out) as T);
    });
  });
}

function cannon(url: string, body: string, options: { connections: number; seconds: number; rate?: number }): Promise<CannonResult> {
  const args = [AUTOCANNON, '-j', '-n', '-c', String(options.connections), '-d', String(options.seconds), '-m', 'POST'];
  args.push('-H', 'content-type=application/json', '-H', `authorization=${authHeader().authorization}`, '-b', body);
  if (options.rate) args.push('-R', String(Math.round(options.rate)));
  args.push(url);
  return child<CannonResult>(args, 'autocannon');
}

interface PacedResult {
  requests: number;
  rate: number;
  p50: number;
  p99: number;
  mean: number;
  /** How late the load itself sent its requests (its timers delayed), ms: part of the latency. */
  sentLate: { p50: number; p99: number; max: number };
  errors: number;
  non2xx: number;
}

/** An evenly paced open-loop load (lib/paced-load.mjs: why not autocannon's --overallRate). */
function paced(url: string, body: string, options: { connections: number; seconds: number; rate: number }): Promise<PacedResult> {
  const headers = { 'content-type': 'application/json', authorization: authHeader().authorization };
  return child<PacedResult>([PACED, JSON.stringify({ url, body, headers, ...options })], 'paced load');
}

export async function throughput(report: Report, store: BenchStore, effort: { runs: number; seconds: number; connections: number }) {
  const section = '5. Throughput (real HTTP listener, autocannon in a child process)';
  console.log(`\n${section}: ${store.name} graph, ${effort.runs} × (${effort.seconds} s flat out + ${effort.seconds} s at half rate)`);
  const s = await sample(store.driver, store.prefix);
  const query = `{ organization(id: "${s.joint.id}") { name covers(kinds: ["Village"]) { totalCount nodes { id name } } } }`;
  const body = JSON.stringify({ query });
  const app = await buildBenchApp(store);
  const runs: Record<string, unknown>[] = [];
  try {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `${address}/graphql`;
    await cannon(url, body, { connections: effort.connections, seconds: 2 });
    for (let i = 0; i < effort.runs; i += 1) {
      const max = await cannon(url, body, { connections: effort.connections, seconds: effort.seconds });
      const rate = max.requests.average / 2;
      const stop = watchTail(app.server, app.store, store.jvmLog);
      const half = await paced(url, body, { connections: effort.connections, seconds: effort.seconds, rate });
      const tail = stop();
      // The same rate as autocannon asks it (bursts each second, its omission correction), reported only.
      const bursts = await cannon(url, body, { connections: effort.connections, seconds: effort.seconds, rate });
      const failed = max.errors + max.non2xx + max.timeouts + half.errors + half.non2xx + bursts.errors + bursts.non2xx + bursts.timeouts;
      if (failed > 0) throw new Error(`throughput: ${failed} failed requests`);
      runs.push({
        max: pick(max),
        half: { rps: half.rate, p50: half.p50, p99: half.p99, mean: half.mean, sentLate: half.sentLate },
        tail,
        autocannonHalf: pick(bursts),
      });
      console.log(
        `  run ${i + 1}: ${max.requests.average.toFixed(0)} req/s flat out (p50 ${max.latency.p50} ms, p99 ${max.latency.p99} ms); ` +
          `at ${half.rate.toFixed(0)} req/s evenly paced p50 ${half.p50} ms, p99 ${half.p99} ms ` +
          `(autocannon -R: p50 ${bursts.latency.p50} ms, p99 ${bursts.latency.p99} ms)`,
      );
      console.log(`    at half, in the server: ${describeTail(tail)}`);
      console.log(
        `    at half, the load sent its requests late by p50 ${half.sentLate.p50} ms, p99 ${half.sentLate.p99} ms (max ${half.sentLate.max})`,
      );
    }
  } finally {
    await app.close();
  }
  const maxRps = median(runs.map((r) => (r.max as ReturnType<typeof pick>).rps));
  const ratios = runs.map((r) => {
    const h = r.half as ReturnType<typeof pick>;
    return h.p99 / h.p50;
  });
  const halfOf = runs.map((r) => r.half as ReturnType<typeof pick> & Pick<PacedResult, 'sentLate'>);
  const tails = runs.map((r) => r.tail as TailFigures);
  // The p50 and p99 shown are the run's whose ratio is the median (as lib/stats.ts percentile picks it):
  // medians of p50 and p99 taken apart come from different runs and need not give the ratio reported.
  const middle = halfOf[ratios.indexOf(median(ratios))]!;
  report.ratio(section, `p99/p50 at half of max throughput (${store.name})`, median(ratios), TARGETS.throughputP99OverP50, {
    detail:
      `max ${maxRps.toFixed(0)} req/s at ${effort.connections} connections; at half (the median run of ${runs.length}): p50 ${middle.p50} ms, p99 ${middle.p99} ms; ` +
      `in the server: p50 ${median(tails.map((t) => t.server.p50))} ms, p99 ${median(tails.map((t) => t.server.p99))} ms, ` +
      `database reads p50 ${median(tails.map((t) => t.database.p50))} ms, p99 ${median(tails.map((t) => t.database.p99))} ms, ` +
      `of which in Neo4j p50 ${median(tails.map((t) => t.neo4j.p50))} ms, p99 ${median(tails.map((t) => t.neo4j.p99))} ms; ` +
      `event-loop delay p99 ${median(tails.map((t) => t.loopDelay.p99))} ms, longest GC pause (Node) ${median(tails.map((t) => t.gc.maxMs))} ms, ` +
      `longest JVM pause ${median(tails.map((t) => t.jvm?.maxMs ?? Number.NaN))} ms; ` +
      `the slowest 1% of requests ${sum(tails.map((t) => t.slowest.count))}, of which held across a Node GC pause ${sum(tails.map((t) => t.slowest.nodeGc))}, ` +
      `a JVM pause ${sum(tails.map((t) => t.slowest.jvm))}, neither ${sum(tails.map((t) => t.slowest.neither))}; ` +
      `the load generator sent late by p99 ${median(halfOf.map((h) => h.sentLate.p99))} ms`,
  });
  const bursts = runs.map((r) => r.autocannonHalf as ReturnType<typeof pick>);
  report.ratio(
    section,
    `p99/p50 at half of max throughput, autocannon -R (${store.name})`,
    median(bursts.map((b) => b.p99 / b.p50)),
    null,
    {
      detail: `p50 ${median(bursts.map((b) => b.p50))} ms, p99 ${median(bursts.map((b) => b.p99))} ms: each connection's quota sent in a burst at the start of every second, and every response of L ms recorded as L values (lib/paced-load.mjs)`,
    },
  );
  report.raw[`throughput:${store.name}`] = { query, connections: effort.connections, seconds: effort.seconds, maxRps, runs };
}

/** Where the half-rate run's time went, in the server's own process (bench/lib/tail-watch.ts). */
const describeTail = (t: TailFigures) =>
  `held each request p50 ${t.server.p50} ms, p99 ${t.server.p99} ms (max ${t.server.max}); database reads p50 ${t.database.p50} ms, ` +
  `p99 ${t.database.p99} ms, of which in Neo4j p50 ${t.neo4j.p50} ms, p99 ${t.neo4j.p99} ms (max ${t.neo4j.max}); ` +
  `event-loop delay p50 ${t.loopDelay.p50} ms, p99 ${t.loopDelay.p99} ms (max ${t.loopDelay.max}); ` +
  `Node GC ${t.gc.count} pauses (${t.gc.majorCount} major), ${t.gc.totalMs} ms in all, longest ${t.gc.maxMs} ms; ` +
  (t.jvm ? `JVM ${t.jvm.count} stops, ${t.jvm.totalMs} ms in all, longest ${t.jvm.maxMs} ms (${t.jvm.longest})` : 'JVM stops not logged') +
  `; the slowest 1% (${t.slowest.count}) held across a Node GC pause ${t.slowest.nodeGc}, a JVM pause ${t.slowest.jvm}, neither ${t.slowest.neither}`;

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const pick = (r: CannonResult) => ({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, mean: r.latency.average });
