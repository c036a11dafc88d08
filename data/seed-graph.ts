/** Loads the documented dataset (data/seed/*.yaml) in one transaction: all of it, or nothing. */
import type { Driver } from 'neo4j-driver';
import { type LoadResult, loadGraph } from './load-graph.ts';
import { buildSeedGraph } from './read-seed.ts';

export async function seedDocumented(driver: Driver, database: string, seedDir?: string): Promise<LoadResult> {
  // Validation happens before the session opens: a bad file writes nothing.
  const records = seedDir ? buildSeedGraph((await import('./read-seed.ts')).readSeedFiles(seedDir)) : buildSeedGraph();
  return loadGraph(driver, records, { database, singleTransaction: true });
}

/** True when the documented dataset has been loaded (any documented entity exists). */
export async function hasDocumentedData(driver: Driver, database: string): Promise<boolean> {
  const { records } = await driver.executeQuery('MATCH (n:Entity {synthetic: false}) RETURN n.id LIMIT 1', {}, { database });
  return records.length > 0;
}
