/**
 * 9. CPU per request: the processor time one question costs, ours (compiled read path) vs the peer,
 * in the Node process (process.cpuUsage: parsing, validation, planning, the driver's decoding,
 * shaping, execution, serialization) and in the Neo4j JVM (/proc/<pid>/stat: planning and running
 * the Cypher, encoding the answer). On a shared machine a latency ratio moves with the other work
 * the cores do; the time a request spends on the processor moves far less, so this says what a
 * latency ratio would be on an idle machine. Each variant runs a block of requests in turn, the
 * blocks alternating, after warm-up; the JVM's own background work (GC, JIT) is in its figure.
 */
import { readFileSync } from 'node:fs';
import { buildApp } from '../../server/app.ts';
import { type BenchApp, benchConfig, inject } from '../lib/bench-app.ts';
import type { Report } from '../lib/report.ts';
import { ms } from '../lib/stats.ts';
import type { BenchStore } from '../lib/stores.ts';
import { buildPeerApp } from '../peer/app.ts';
import { peerCases } from './peer.ts';
import { cases, sample } from './queries.ts';

/** CPU milliseconds the process has used (user + system), from /proc (clock ticks of 10 ms). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

interface Cpu {
  node: number;
  jvm: number;
}

/** CPU per request of `run`, `requests` times in a row. */
async function cpuOf(run: () => Promise<unknown>, requests: number, jvmPid: number): Promise<Cpu> {
  const node = process.cpuUsage();
  const jvm = processCpuMs(jvmPid);
  for (let i = 0; i < requests; i++) await run();
  const used = process.cpuUsage(node);
  return { node: (used.user + used.system) / 1000 / requests, jvm: (processCpuMs(jvmPid) - jvm) / requests };
}

export async function cpuPerRequest(report: Report, store: BenchStore, effort: { blocks: number; requests: number }) {
  const section = '9. CPU per request (Node + the Neo4j JVM): ours vs the peer';
  console.log(`\n${section}: ${store.name} graph, ${effort.blocks} blocks of ${effort.requests} requests`);
  const s = await sample(store.driver, store.prefix);
  const ours: BenchApp = await buildApp({
    config: { ...benchConfig(), COMPILED_READS: true, GRAPHQL_DB_BUDGET_MS: 120_000 },
    neo4j: store.target,
  });
  await ours.ready();
  const peer = await buildPeerApp(store.target);
  const figures: Record<string, unknown>[] = [];
  try {
    const pc = peerCases(s);
    for (const c of cases(s)) {
      const query = pc[c.id].query;
      if (!query) continue;
      const askPeer = () => peer.app.inject({ method: 'POST', url: '/graphql', payload: { query } });
      const askOurs = () => inject(ours, c.graphql);
      for (let i = 0; i < 3; i++) {
        await askOurs();
        await askPeer();
      }
      const sum = { ours: { node: 0, jvm: 0 }, peer: { node: 0, jvm: 0 } };
      for (let b = 0; b < effort.blocks; b++) {
        // Alternate which goes first, so a drift in the machine's state is shared.
        const order = b % 2 === 0 ? (['ours', 'peer'] as const) : (['peer', 'ours'] as const);
        for (const who of order) {
          const cpu = await cpuOf(who === 'ours' ? askOurs : askPeer, effort.requests, store.pid);
          sum[who].node += cpu.node / effort.blocks;
          sum[who].jvm += cpu.jvm / effort.blocks;
        }
      }
      const total = (x: Cpu) => x.node + x.jvm;
      figures.push({ case: c.id, name: c.name, ours: sum.ours, peer: sum.peer });
      report.ratio(section, `peer/ours CPU per request · ${c.name} (${store.name})`, total(sum.peer) / total(sum.ours), null, {
        atLeast: true,
        detail: `peer ${ms(total(sum.peer))} ms (Node ${ms(sum.peer.node)} + JVM ${ms(sum.peer.jvm)}) / ours ${ms(total(sum.ours))} ms (Node ${ms(sum.ours.node)} + JVM ${ms(sum.ours.jvm)})`,
      });
    }
  } finally {
    await ours.close();
    await peer.close();
  }
  report.raw[`cpu:${store.name}`] = { sample: s, cases: figures };
}
