/**
 * 6. Load: the synthetic graph written into an empty scratch store (.data/bench-load) by the product's
 * loader (batched UNWIND, 10,000 rows per transaction): nodes/s, relationships/s, peak memory of Node
 * and of the JVM (its resident set, read from /proc). Then, on the same store, a sample of 2,000 node
 * rows and 2,000 relationship rows (500 in quick mode) written both ways, interleaved: one UNWIND statement for the batch,
 * and the same statement once per row, each in its own transaction.
 */
import { rmSync } from 'node:fs';
import type { Driver } from 'neo4j-driver';
import type { NodeRecord, RelationshipRecord } from '../../data/graph-records.ts';
import { generateSynthetic, idPrefix, type Scale } from '../../data/synthetic/generate.ts';
import { clearSynthetic, loadSynthetic } from '../../data/synthetic/load-synthetic.ts';
import { cypher, type QueryName } from '../../graph/cypher-queries.ts';
import { GraphStore } from '../../graph/graph-store.ts';
import { jvmMemory, MemoryWatch } from '../lib/memory.ts';
import type { Report } from '../lib/report.ts';
import { median } from '../lib/stats.ts';
import { openStore } from '../lib/stores.ts';

/** The sample: the first district of another seed's city graph, so its ids are its own. */
const SAMPLE = { seed: 7, scale: 'city' as Scale };

function sampleRows(count: number) {
  const first = generateSynthetic(SAMPLE).next().value!;
  const nodes: NodeRecord[] = first.nodes.slice(0, count);
  const ids = new Set(nodes.map((n) => n.id));
  const relationships: RelationshipRecord[] = first.relationships
    .filter((r: RelationshipRecord) => ids.has(r.from) && ids.has(r.to))
    .slice(0, count);
  return { nodes, relationships };
}

async function batched(driver: Driver, query: QueryName, rows: unknown[]) {
  const session = driver.session({ database: 'neo4j' });
  try {
    await session.executeWrite((tx) => tx.run(cypher(query), { rows }));
  } finally {
    await session.close();
  }
}

async function perRow(driver: Driver, query: QueryName, rows: unknown[]) {
  const session = driver.session({ database: 'neo4j' });
  try {
    for (const row of rows) await session.executeWrite((tx) => tx.run(cypher(query), { rows: [row] }));
  } finally {
    await session.close();
  }
}

export async function load(report: Report, scale: Scale, { reps, rows: sampleSize }: { reps: number; rows: number }) {
  const section = '6. Load: batched UNWIND vs one statement per row; rates and memory';
  console.log(`\n${section}: the ${scale} graph into an empty store, then ${reps} × ${sampleSize} rows each way`);
  rmSync('.data/bench-load', { recursive: true, force: true });
  const store = await openStore({ scale, dir: 'bench-load', empty: true, heap: '2g', pageCache: '1g' });
  try {
    const watch = new MemoryWatch(store.pid);
    const loaded = await loadSynthetic(GraphStore.forLoads(store.driver, 'neo4j'), { seed: 42, scale, mode: 'create' });
    const peaks = watch.stop();
    const jvm = jvmMemory(store.pid);
    const nodeRate = loaded.nodes / loaded.nodeSeconds;
    const relRate = (loaded.relationships + loaded.claims) / loaded.relationshipSeconds;
    console.log(
      `  loaded ${loaded.nodes.toLocaleString('en-US')} nodes and ${loaded.relationships.toLocaleString('en-US')} relationships in ${loaded.seconds.toFixed(1)} s: ` +
        `${nodeRate.toFixed(0)} nodes/s, ${relRate.toFixed(0)} relationships/s; peak RSS Node ${peaks.nodePeakMiB} MiB, JVM ${peaks.jvmPeakMiB} MiB (VmHWM ${jvm.peakMiB} MiB)`,
    );

    const rows = sampleRows(sampleSize);
    const prefix = idPrefix(SAMPLE);
    const times = {
      nodes: { batched: [] as number[], perRow: [] as number[] },
      relationships: { batched: [] as number[], perRow: [] as number[] },
    };
    const timed = async (work: () => Promise<void>) => {
      const started = performance.now();
      await work();
      return performance.now() - started;
    };
    for (let i = 0; i < reps; i += 1) {
      // Alternate which way goes first; the store is emptied of the sample between the two.
      for (const way of i % 2 === 0 ? (['batched', 'perRow'] as const) : (['perRow', 'batched'] as const)) {
        const write = way === 'batched' ? batched : perRow;
        times.nodes[way].push(await timed(() => write(store.driver, 'synthetic/create-nodes', rows.nodes)));
        times.relationships[way].push(await timed(() => write(store.driver, 'synthetic/create-relationships', rows.relationships)));
        await clearSynthetic(GraphStore.forLoads(store.driver, 'neo4j'), prefix);
      }
    }
    for (const kind of ['nodes', 'relationships'] as const) {
      const b = median(times[kind].batched);
      const p = median(times[kind].perRow);
      const n = rows[kind].length;
      report.ratio(section, `per-row / batched time · ${n} ${kind}`, p / b, 10, {
        atLeast: true,
        detail: `${p.toFixed(0)} / ${b.toFixed(0)} ms = ${((n / p) * 1000).toFixed(0)} vs ${((n / b) * 1000).toFixed(0)} ${kind}/s`,
      });
    }
    report.missing(
      section,
      `full load of the ${scale} graph (batched, 10,000 rows per transaction)`,
      `${nodeRate.toFixed(0)} nodes/s, ${relRate.toFixed(0)} relationships/s (${loaded.nodes.toLocaleString('en-US')} nodes, ${loaded.relationships.toLocaleString('en-US')} relationships in ${loaded.seconds.toFixed(0)} s); peak RSS: Node ${peaks.nodePeakMiB} MiB, JVM ${peaks.jvmPeakMiB} MiB`,
    );
    report.raw.load = {
      scale,
      loaded,
      nodesPerSecond: nodeRate,
      relationshipsPerSecond: relRate,
      peakRssMiB: {
        node: peaks.nodePeakMiB,
        jvm: peaks.jvmPeakMiB,
        jvmVmHWM: jvm.peakMiB,
        nodeMaxRss: Math.round(process.resourceUsage().maxRSS / 1024),
      },
      sample: { nodes: rows.nodes.length, relationships: rows.relationships.length, reps, times },
    };
  } finally {
    await store.stop();
  }
}
