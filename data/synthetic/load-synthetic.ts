/** Loads the synthetic graph chunk by chunk (batched UNWIND, one transaction per batch) and clears it. */
import type { Driver } from 'neo4j-driver';
import { cypher } from '../../server/cypher-queries.ts';
import { loadGraph } from '../load-graph.ts';
import { generateSynthetic, type SyntheticOptions } from './generate.ts';

export interface SyntheticLoadResult {
  nodes: number;
  relationships: number;
  claims: number;
  seconds: number;
}

export async function loadSynthetic(
  driver: Driver,
  database: string,
  options: SyntheticOptions & { batchSize?: number; onChunk?: (done: number, total: number, soFar: SyntheticLoadResult) => void },
): Promise<SyntheticLoadResult> {
  const started = performance.now();
  const result = { nodes: 0, relationships: 0, claims: 0, seconds: 0 };
  for (const chunk of generateSynthetic(options)) {
    const loaded = await loadGraph(driver, chunk, { database, batchSize: options.batchSize ?? 10_000 });
    result.nodes += loaded.nodes;
    result.relationships += loaded.relationships;
    result.claims += loaded.claims;
    result.seconds = (performance.now() - started) / 1000;
    options.onChunk?.(chunk.index + 1, chunk.total, result);
  }
  return result;
}

export async function clearSynthetic(driver: Driver, database: string): Promise<void> {
  const session = driver.session({ database });
  try {
    await session.run(cypher('synthetic/delete-synthetic'));
  } finally {
    await session.close();
  }
}

export async function countSynthetic(driver: Driver, database: string) {
  const { records } = await driver.executeQuery(cypher('synthetic/count-synthetic'), {}, { database });
  return records[0]!.toObject() as { nodes: { key: string; count: number }[]; relationships: { key: string; count: number }[] };
}
