/**
 * Writes graph records to Neo4j in batches with UNWIND: one round trip per batch, not per row.
 * Every statement MERGEs on ids, so loading the same records twice leaves the graph as it was.
 */
import type { Driver } from 'neo4j-driver';
import { cypher } from '../graph/cypher-queries.ts';
import type { GraphRecords } from './graph-records.ts';

export interface LoadOptions {
  database: string;
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

export async function loadGraph(driver: Driver, records: GraphRecords, options: LoadOptions): Promise<LoadResult> {
  const batchSize = options.batchSize ?? 5_000;
  const started = performance.now();
  const stages = [
    ['nodes', cypher('load/merge-nodes'), records.nodes],
    ['relationships', cypher('load/merge-relationships'), records.relationships],
    ['claims', cypher('load/merge-claims'), records.claims],
  ] as const;

  const session = driver.session({ database: options.database });
  try {
    const runAll = async (run: (query: string, rows: unknown[]) => Promise<void>) => {
      for (const [stage, query, rows] of stages) {
        for (let i = 0; i < rows.length; i += batchSize) {
          await run(query, rows.slice(i, i + batchSize));
          options.onBatch?.(stage, Math.min(i + batchSize, rows.length), rows.length);
        }
      }
    };
    if (options.singleTransaction) {
      await session.executeWrite((tx) => runAll(async (query, rows) => void (await tx.run(query, { rows }))));
    } else {
      await runAll((query, rows) => session.executeWrite(async (tx) => void (await tx.run(query, { rows }))));
    }
  } finally {
    await session.close();
  }
  return {
    nodes: records.nodes.length,
    relationships: records.relationships.length,
    claims: records.claims.length,
    seconds: (performance.now() - started) / 1000,
  };
}
