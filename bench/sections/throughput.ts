/**
 * 5. Throughput: the product listening on a real port (127.0.0.1), loaded by autocannon in a child
 * process (so the load generator does not share the server's event loop) at fixed concurrency: the
 * most requests/s it serves, then latency at half that rate (p99/p50 there should stay ≤ 3).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { authHeader, buildBenchApp } from '../lib/bench-app.ts';
import type { Report } from '../lib/report.ts';
import { median } from '../lib/stats.ts';
import type { BenchStore } from '../lib/stores.ts';
import { TARGETS } from '../lib/targets.ts';
import { sample } from './queries.ts';

const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

interface CannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number; average: number };
  errors: number;
  non2xx: number;
  timeouts: number;
}

function cannon(url: string, body: string, options: { connections: number; seconds: number; rate?: number }): Promise<CannonResult> {
  const args = [AUTOCANNON, '-j', '-n', '-c', String(options.connections), '-d', String(options.seconds), '-m', 'POST'];
  args.push('-H', 'content-type=application/json', '-H', `authorization=${authHeader().authorization}`, '-b', body);
  if (options.rate) args.push('-R', String(Math.round(options.rate)));
  args.push(url);
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.once('error', fail);
    child.once('exit', (code) => {
      if (code !== 0) return fail(new Error(`autocannon exited ${code}: ${err.slice(-500)}`));
      done(JSON.parse(out) as CannonResult);
    });
  });
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
      const half = await cannon(url, body, { connections: effort.connections, seconds: effort.seconds, rate: max.requests.average / 2 });
      const failed = max.errors + max.non2xx + max.timeouts + half.errors + half.non2xx + half.timeouts;
      if (failed > 0) throw new Error(`throughput: ${failed} failed requests`);
      runs.push({ max: pick(max), half: pick(half) });
      console.log(
        `  run ${i + 1}: ${max.requests.average.toFixed(0)} req/s flat out (p50 ${max.latency.p50} ms, p99 ${max.latency.p99} ms); ` +
          `at ${(max.requests.average / 2).toFixed(0)} req/s p50 ${half.latency.p50} ms, p99 ${half.latency.p99} ms`,
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
  const halfOf = runs.map((r) => r.half as ReturnType<typeof pick>);
  report.ratio(section, `p99/p50 at half of max throughput (${store.name})`, median(ratios), TARGETS.throughputP99OverP50, {
    detail: `max ${maxRps.toFixed(0)} req/s at ${effort.connections} connections; at half: p50 ${median(halfOf.map((h) => h.p50))} ms, p99 ${median(halfOf.map((h) => h.p99))} ms`,
  });
  report.raw[`throughput:${store.name}`] = { query, connections: effort.connections, seconds: effort.seconds, maxRps, runs };
}

const pick = (r: CannonResult) => ({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, mean: r.latency.average });
