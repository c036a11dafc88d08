/**
 * Scratch Neo4j stores for the benchmark, one per graph (.data/bench-city, .data/bench-province…),
 * each its own embedded Neo4j on a free port. A store is reused when it holds the generated graph
 * (same seed and scale, node count as generated); otherwise the graph is written anew with Neo4j's
 * offline importer (data/synthetic/import-synthetic.ts: the province graph in minutes, where the online
 * loader took over half an hour), the indexes built, and the load's figures kept in a stamp file beside
 * the store so later runs can report them. A store that holds anything but synthetic data is never
 * replaced: it is cleared of synthetic data and loaded online instead.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { loadGraph } from '../../data/load-graph.ts';
import { idPrefix, type Scale, tallySynthetic } from '../../data/synthetic/generate.ts';
import { importSynthetic } from '../../data/synthetic/import-synthetic.ts';
import { clearSynthetic, countSynthetic, loadSynthetic, type SyntheticLoadResult } from '../../data/synthetic/load-synthetic.ts';
import { type EmbeddedNeo4j, startEmbeddedNeo4j } from '../../db/embedded-neo4j.ts';
import { freePort } from '../../db/free-port.ts';
import { applySchema, schemaStatements } from '../../graph/apply-schema.ts';
import { LOCAL_DEFAULT_PASSWORD } from '../../graph/config.ts';
import { GraphStore } from '../../graph/graph-store.ts';
import { enableTcpNoDelay } from '../../graph/tcp-no-delay.ts';
import { jvmMemory, MemoryWatch } from './memory.ts';

export interface BenchStore {
  name: string;
  scale: Scale;
  seed: number;
  prefix: string;
  target: { uri: string; user: string; password: string; database: string };
  driver: Driver;
  pid: number;
  /** The JVM's safepoint log (every stop-the-world pause: GC, JIT), read by lib/tail-watch.ts. */
  jvmLog: string;
  nodes: number;
  relationships: number;
  /** The load that wrote this graph: in this run (`fresh`) or read from the stamp of an earlier run. */
  load: StoreLoad | null;
  stop(): Promise<void>;
}

/** How the graph came into the store: the online loader's figures, or the importer's (mode import). */
export type StoreLoad = Omit<SyntheticLoadResult, 'mode'> & {
  mode: SyntheticLoadResult['mode'] | 'import';
  /** With mode import: the importer's run, and building the constraints and indexes after it. */
  importSeconds?: number;
  indexSeconds?: number;
  when: string;
  fresh: boolean;
  jvmPeakRssMiB?: number;
  nodePeakRssMiB?: number;
};

export interface StoreOptions {
  scale: Scale;
  seed?: number;
  /** Directory under .data (default bench-<scale>). */
  dir?: string;
  heap?: string;
  pageCache?: string;
  /** More JVM options for the store's Neo4j (db/embedded-neo4j.ts), e.g. a GC log. */
  jvmOptions?: string[];
  /** Start the Neo4j only, without checking or loading a graph. */
  empty?: boolean;
  log?: (line: string) => void;
}

const count = async (driver: Driver, query: string, params: Record<string, unknown> = {}) =>
  Number((await driver.executeQuery(query, params, { database: 'neo4j' })).records[0]?.get(0) ?? 0);

/** Starts a scratch store and makes sure it holds the graph of `scale` and `seed`. */
export async function openStore(options: StoreOptions): Promise<BenchStore> {
  const seed = options.seed ?? 42;
  const log = options.log ?? ((line: string) => console.log(line));
  const dir = resolve('.data', options.dir ?? `bench-${options.scale}`);
  const password = LOCAL_DEFAULT_PASSWORD;
  // The JVM logs each stop-the-world pause (cause, time to reach it, length), so section 5 can line its
  // tail up with them; a line a second or so, two files of 10 MB at most.
  const jvmLog = join(dir, 'jvm-safepoints.log');
  // The importer needs the store's Neo4j stopped: it is started, maybe stopped and started again.
  let embedded: EmbeddedNeo4j | null = null;
  let driver: Driver | null = null;
  const start = async () => {
    const port = await freePort();
    log(`[store] ${options.dir ?? `bench-${options.scale}`}: starting Neo4j on 127.0.0.1:${port}`);
    embedded = await startEmbeddedNeo4j({
      port,
      homeDir: dir,
      password,
      heap: options.heap ?? '2g',
      pageCache: options.pageCache ?? '1g',
      jvmOptions: [`-Xlog:safepoint:file=${jvmLog}:time,level,tags:filecount=2,filesize=10m`, ...(options.jvmOptions ?? [])],
    });
    // The raw side of section 1 reads through this driver: it sends as the product's does (no Nagle delay
    // on a query text longer than one Bolt chunk), or long compiled queries would time slower raw than API.
    enableTcpNoDelay();
    driver = neo4j.driver(embedded.uri, neo4j.auth.basic('neo4j', password), { disableLosslessIntegers: true });
    await driver.verifyConnectivity({ database: 'neo4j' });
    return { embedded, driver };
  };
  const stop = async () => {
    await (driver as Driver | null)?.close();
    await (embedded as EmbeddedNeo4j | null)?.stop();
    driver = null;
    embedded = null;
  };
  try {
    let open = await start();
    await applySchema(open.driver, 'neo4j');
    const prefix = idPrefix({ seed, scale: options.scale });
    const base = () => ({
      name: options.scale,
      scale: options.scale,
      seed,
      prefix,
      target: { uri: open.embedded.uri, user: 'neo4j', password, database: 'neo4j' },
      driver: open.driver,
      pid: open.embedded.pid,
      jvmLog,
      stop,
    });
    if (options.empty) return { ...base(), nodes: 0, relationships: 0, load: null };

    const stampFile = join(dir, 'bench-graph.json');
    const stamp = existsSync(stampFile) ? JSON.parse(readFileSync(stampFile, 'utf8')) : null;
    const held = await count(open.driver, 'MATCH (n:Synthetic) WHERE n.id STARTS WITH $prefix RETURN count(n)', { prefix });
    let load: BenchStore['load'] = null;
    let expected = stamp?.seed === seed && stamp?.scale === options.scale ? (stamp.nodes as number) : null;
    if (expected === null && held > 0) {
      log(
        `[store] counting what seed ${seed} at ${options.scale} scale generates, to check the ${held.toLocaleString('en-US')} nodes held`,
      );
      expected = tallySynthetic({ seed, scale: options.scale }).nodes;
    }
    if (held > 0 && held === expected) {
      log(`[store] reusing ${held.toLocaleString('en-US')} nodes of ${prefix}…`);
      load = stamp?.load ? { ...stamp.load, fresh: false } : null;
    } else {
      const foreign = await count(open.driver, 'MATCH (n) WHERE NOT n:Synthetic AND NOT (n:Claim AND n.synthetic = true) RETURN count(n)');
      if (foreign === 0) {
        log(`[store] writing the ${options.scale} graph (seed ${seed}) with neo4j-admin database import (replaces the store's database)…`);
        await stop();
        const started = performance.now();
        const imported = await importSynthetic({ seed, scale: options.scale, homeDir: dir, log });
        open = await start();
        const t0 = performance.now();
        await buildIndexes(open.driver, log);
        await applySchema(open.driver, 'neo4j');
        const t1 = performance.now();
        await loadGraph(GraphStore.forLoads(open.driver, 'neo4j'), { nodes: [], relationships: [], claims: imported.claims });
        const t2 = performance.now();
        load = {
          mode: 'import',
          chunks: imported.chunks,
          nodes: imported.nodes,
          relationships: imported.relationships,
          claims: imported.claims.length,
          seconds: (t2 - started) / 1000,
          generateSeconds: imported.csvSeconds,
          importSeconds: imported.importSeconds,
          indexSeconds: (t1 - t0) / 1000,
          // The importer writes nodes and relationships in one run: its time is counted under both.
          nodeSeconds: imported.importSeconds,
          relationshipSeconds: imported.importSeconds + (t2 - t1) / 1000,
          when: new Date().toISOString(),
          fresh: true,
        };
      } else {
        log(`[store] the store holds ${foreign.toLocaleString('en-US')} nodes that are not synthetic: loading online, not replacing it`);
        if (held > 0 || (await count(open.driver, 'MATCH (n:Synthetic) RETURN count(n)')) > 0) {
          log('[store] the store holds another or a partial graph: clearing it');
          await clearSynthetic(GraphStore.forLoads(open.driver, 'neo4j'));
        }
        log(`[store] loading the ${options.scale} graph (seed ${seed}) with batched UNWIND…`);
        const watch = new MemoryWatch(open.embedded.pid);
        const result = await loadSynthetic(GraphStore.forLoads(open.driver, 'neo4j'), {
          seed,
          scale: options.scale,
          mode: 'create',
          onChunk: (chunk, soFar) => {
            if ((chunk.index + 1) % 20 === 0 || chunk.index + 1 === chunk.total)
              log(
                `[store]   ${chunk.index + 1}/${chunk.total} districts, ${soFar.nodes.toLocaleString('en-US')} nodes, ${soFar.seconds.toFixed(0)} s`,
              );
          },
        });
        const peaks = watch.stop();
        load = {
          ...result,
          when: new Date().toISOString(),
          fresh: true,
          jvmPeakRssMiB: peaks.jvmPeakMiB,
          nodePeakRssMiB: peaks.nodePeakMiB,
        };
      }
      writeFileSync(stampFile, `${JSON.stringify({ seed, scale: options.scale, nodes: load.nodes, load }, null, 2)}\n`);
    }
    const counted = await countSynthetic(GraphStore.forLoads(open.driver, 'neo4j'), prefix);
    const nodes = counted.nodes.reduce((s, r) => s + Number(r.count), 0);
    const relationships = counted.relationships.reduce((s, r) => s + Number(r.count), 0);
    if (load?.fresh && nodes !== load.nodes) throw new Error(`${prefix}: ${load.nodes} nodes written but ${nodes} counted`);
    if (!existsSync(stampFile)) writeFileSync(stampFile, `${JSON.stringify({ seed, scale: options.scale, nodes, load: null }, null, 2)}\n`);
    log(
      `[store] ${options.scale}: ${nodes.toLocaleString('en-US')} nodes, ${relationships.toLocaleString('en-US')} relationships; JVM RSS ${jvmMemory(open.embedded.pid).rssMiB} MiB`,
    );
    return { ...base(), nodes, relationships, load };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Creates the schema's constraints and indexes over an imported store and waits for them to be
 * populated: applySchema waits 300 s, which the full-text index over a province may need more than.
 */
async function buildIndexes(driver: Driver, log: (line: string) => void) {
  const started = performance.now();
  for (const statement of schemaStatements()) await driver.executeQuery(statement, {}, { database: 'neo4j' });
  await driver.executeQuery('CALL db.awaitIndexes(3600)', {}, { database: 'neo4j' });
  log(`[store] constraints and indexes built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
