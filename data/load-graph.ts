/**
 * Writes graph records to Neo4j in batches with UNWIND: one round trip per batch, not per row.
 * Every statement MERGEs on ids, so loading the same records twice leaves the graph as it was.
 */
import type { GraphStore } from '../graph/graph-store.ts';
import type { GraphRecords } from './graph-records.ts';

export interface LoadOptions {
  batchSize?: number;
  /** Called after each batch, e.g. for a progress line. */
  onBatch?: (stage: 'nodes' | 'relationships' | 'claims', done: number, total: number) => void;
  /**
   * One transaction for everything (the documented dataset: all or nothing), or one per batch
   * (the synthetic generator: bounded memory in Neo4j for millions of rows).
   */
  singleTransaction?: boolean;
}

export interface LoadResult {
  nodes: number;
  relationships: number;
  claims: number;
  seconds: number;
}

export async function loadGraph(store: GraphStore, records: GraphRecords, options: LoadOptions = {}): Promise<LoadResult> {
  const batchSize = options.batchSize ?? 5_000;
  const started = performance.now();
  const stages = [
    ['nodes', 'load/merge-nodes', records.nodes],
    ['relationships', 'load/merge-relationships', records.relationships],
    ['claims', 'load/merge-claims', records.claims],
  ] as const;
  const writeAll = async (write: typeof store.writeRows) => {
    for (const [stage, query, rows] of stages) {
      await write(query, rows, { batchSize, onBatch: (done, total) => options.onBatch?.(stage, done, total) });
    }
  };
  if (options.singleTransaction) await store.write((tx) => writeAll((query, rows, o) => tx.writeRows(query, rows, o)));
  else await writeAll((query, rows, o) => store.writeRows(query, rows, o));
  return {
    nodes: records.nodes.length,
    relationships: records.relationships.length,
    claims: records.claims.length,
    seconds: (performance.now() - started) / 1000,
  };
}
