/**
 * Scratch Neo4j stores for the benchmark, one per graph (.data/bench-city, .data/bench-province…),
 * each its own embedded Neo4j on a free port. A store is reused when it holds the generated graph
 * (same seed and scale, node count as generated); otherwise it is cleared and the graph loaded, with
 * the load's rates kept in a stamp file beside the store so later runs can report them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { idPrefix, type Scale, tallySynthetic } from '../../data/synthetic/generate.ts';
import { clearSynthetic, countSynthetic, loadSynthetic, type SyntheticLoadResult } from '../../data/synthetic/load-synthetic.ts';
import { type EmbeddedNeo4j, startEmbeddedNeo4j } from '../../db/embedded-neo4j.ts';
import { freePort } from '../../db/free-port.ts';
import { applySchema } from '../../graph/apply-schema.ts';
import { LOCAL_DEFAULT_PASSWORD } from '../../graph/config.ts';
import { GraphStore } from '../../graph/graph-store.ts';
import { jvmMemory, MemoryWatch } from './memory.ts';

export interface BenchStore {
  name: string;
  scale: Scale;
  seed: number;
  prefix: string;
  target: { uri: string; user: string; password: string; database: string };
  driver: Driver;
  pid: number;
  nodes: number;
  relationships: number;
  /** The load that wrote this graph: in this run (`fresh`) or read from the stamp of an earlier run. */
  load: (SyntheticLoadResult & { when: string; fresh: boolean; jvmPeakRssMiB?: number; nodePeakRssMiB?: number }) | null;
  stop(): Promise<void>;
}

export interface StoreOptions {
  scale: Scale;
  seed?: number;
  /** Directory under .data (default bench-<scale>). */
  dir?: string;
  heap?: string;
  pageCache?: string;
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
  const port = await freePort();
  log(`[store] ${options.dir ?? `bench-${options.scale}`}: starting Neo4j on 127.0.0.1:${port}`);
  const embedded: EmbeddedNeo4j = await startEmbeddedNeo4j({
    port,
    homeDir: dir,
    password,
    heap: options.heap ?? '2g',
    pageCache: options.pageCache ?? '1g',
  });
  const driver = neo4j.driver(embedded.uri, neo4j.auth.basic('neo4j', password), { disableLosslessIntegers: true });
  const stop = async () => {
    await driver.close();
    await embedded.stop();
  };
  try {
    await driver.verifyConnectivity({ database: 'neo4j' });
    await applySchema(driver, 'neo4j');
    const prefix = idPrefix({ seed, scale: options.scale });
    const base = {
      name: options.scale,
      scale: options.scale,
      seed,
      prefix,
      target: { uri: embedded.uri, user: 'neo4j', password, database: 'neo4j' },
      driver,
      pid: embedded.pid,
      stop,
    };
    if (options.empty) return { ...base, nodes: 0, relationships: 0, load: null };

    const stampFile = join(dir, 'bench-graph.json');
    const stamp = existsSync(stampFile) ? JSON.parse(readFileSync(stampFile, 'utf8')) : null;
    const held = await count(driver, 'MATCH (n:Synthetic) WHERE n.id STARTS WITH $prefix RETURN count(n)', { prefix });
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
      if (held > 0 || (await count(driver, 'MATCH (n:Synthetic) RETURN count(n)')) > 0) {
        log('[store] the store holds another or a partial graph: clearing it');
        await clearSynthetic(GraphStore.forLoads(driver, 'neo4j'));
      }
      log(`[store] loading the ${options.scale} graph (seed ${seed}) with batched UNWIND…`);
      const watch = new MemoryWatch(embedded.pid);
      const result = await loadSynthetic(GraphStore.forLoads(driver, 'neo4j'), {
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
      load = { ...result, when: new Date().toISOString(), fresh: true, jvmPeakRssMiB: peaks.jvmPeakMiB, nodePeakRssMiB: peaks.nodePeakMiB };
      writeFileSync(stampFile, `${JSON.stringify({ seed, scale: options.scale, nodes: result.nodes, load }, null, 2)}\n`);
    }
    const counted = await countSynthetic(GraphStore.forLoads(driver, 'neo4j'), prefix);
    const nodes = counted.nodes.reduce((s, r) => s + Number(r.count), 0);
    const relationships = counted.relationships.reduce((s, r) => s + Number(r.count), 0);
    if (!existsSync(stampFile)) writeFileSync(stampFile, `${JSON.stringify({ seed, scale: options.scale, nodes, load: null }, null, 2)}\n`);
    log(
      `[store] ${options.scale}: ${nodes.toLocaleString('en-US')} nodes, ${relationships.toLocaleString('en-US')} relationships; JVM RSS ${jvmMemory(embedded.pid).rssMiB} MiB`,
    );
    return { ...base, nodes, relationships, load };
  } catch (error) {
    await stop();
    throw error;
  }
}
