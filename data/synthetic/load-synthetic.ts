/**
 * Loads the synthetic graph district by district (each chunk's nodes, then its relationships and
 * claims, in batched UNWIND transactions of their own), counts it and clears it. Only ids starting
 * syn- are ever written, counted or deleted: the documented data is never touched.
 *
 * A fresh load (nothing under the graph's id prefix yet) writes with CREATE; a reload over data that
 * is already there goes through the shared loader (data/load-graph.ts), whose MERGE on ids leaves an
 * identical graph. Claims always go through the shared loader.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import { cypher, type QueryName } from '../../graph/cypher-queries.ts';
import type { NodeRecord, RelationshipRecord } from '../graph-records.ts';
import { loadGraph } from '../load-graph.ts';
import { generateSynthetic, idPrefix, type SyntheticChunk, type SyntheticOptions } from './generate.ts';

/** create: every id is new (a fresh load); merge: find each record by id first (a reload, idempotent). */
export type LoadMode = 'create' | 'merge';

export interface SyntheticLoadResult {
  mode: LoadMode;
  chunks: number;
  nodes: number;
  relationships: number;
  claims: number;
  /** Wall time in all, and the parts spent generating, writing nodes and writing relationships (+ claims). */
  seconds: number;
  generateSeconds: number;
  nodeSeconds: number;
  relationshipSeconds: number;
}

export interface SyntheticLoadOptions extends SyntheticOptions {
  /** Rows per transaction (default 10,000). */
  batchSize?: number;
  /** auto (default): create when the store holds nothing under the graph's id prefix, else merge. */
  mode?: 'auto' | LoadMode;
  /** Called after each chunk with the chunk and the running totals. */
  onChunk?: (chunk: SyntheticChunk, soFar: SyntheticLoadResult) => void;
}

export async function loadSynthetic(driver: Driver, database: string, options: SyntheticLoadOptions): Promise<SyntheticLoadResult> {
  const batchSize = options.batchSize ?? 10_000;
  const started = performance.now();
  const mode = options.mode === 'create' || options.mode === 'merge' ? options.mode : await chooseMode(driver, database, idPrefix(options));
  const result: SyntheticLoadResult = {
    mode,
    chunks: 0,
    nodes: 0,
    relationships: 0,
    claims: 0,
    seconds: 0,
    generateSeconds: 0,
    nodeSeconds: 0,
    relationshipSeconds: 0,
  };
  const chunks = generateSynthetic(options);
  for (;;) {
    const t0 = performance.now();
    const next = chunks.next();
    if (next.done) break;
    const chunk = next.value;
    const t1 = performance.now();
    // Nodes first: the chunk's relationships reference only nodes written by now.
    if (mode === 'create') await createAll(driver, database, 'synthetic/create-nodes', chunk.nodes, batchSize);
    else await loadGraph(driver, { nodes: chunk.nodes, relationships: [], claims: [] }, { database, batchSize });
    const t2 = performance.now();
    if (mode === 'create') {
      await createAll(driver, database, 'synthetic/create-relationships', chunk.relationships, batchSize);
      await loadGraph(driver, { nodes: [], relationships: [], claims: chunk.claims }, { database, batchSize });
    } else {
      await loadGraph(driver, { nodes: [], relationships: chunk.relationships, claims: chunk.claims }, { database, batchSize });
    }
    const t3 = performance.now();
    result.chunks += 1;
    result.nodes += chunk.nodes.length;
    result.relationships += chunk.relationships.length;
    result.claims += chunk.claims.length;
    result.generateSeconds += (t1 - t0) / 1000;
    result.nodeSeconds += (t2 - t1) / 1000;
    result.relationshipSeconds += (t3 - t2) / 1000;
    result.seconds = (t3 - started) / 1000;
    options.onChunk?.(chunk, { ...result });
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

async function chooseMode(driver: Driver, database: string, prefix: string): Promise<LoadMode> {
  const { records } = await driver.executeQuery(cypher('synthetic/has-synthetic'), { prefix: checkPrefix(prefix) }, { database });
  return records[0]!.get('present') ? 'merge' : 'create';
}

/** Writes rows with a CREATE statement, one transaction per batch; a batch that creates fewer rows than it holds fails. */
async function createAll(driver: Driver, database: string, query: QueryName, rows: (NodeRecord | RelationshipRecord)[], batchSize: number) {
  const text = cypher(query);
  const session = driver.session({ database });
  try {
    for (let i = 0; i < rows.length; i += batchSize) {
      const batch = rows.slice(i, i + batchSize);
      const created = await session.executeWrite(async (tx) => (await tx.run(text, { rows: batch })).records[0]?.get('created'));
      if (neo4j.integer.toNumber(created ?? 0) !== batch.length) {
        throw new Error(`${query}: ${batch.length} rows but ${created} created (a relationship's end node is missing?)`);
      }
    }
  } finally {
    await session.close();
  }
}

const checkPrefix = (prefix: string) => {
  if (!/^syn-[a-z0-9-]*$/.test(prefix)) throw new Error(`a synthetic id prefix starts with syn-, not ${prefix}`);
  return prefix;
};

/** The prefix of one generated graph (seed and scale), or of all synthetic data. */
export const prefixOf = (options?: SyntheticOptions) => (options ? idPrefix(options) : 'syn-');

/** Nodes deleted per statement: each statement stays well inside the server's transaction timeout. */
const DELETE_ROWS = 100_000;

/**
 * Deletes synthetic data (all of it, or one seed and scale's), 10,000 nodes per transaction and
 * 100,000 per statement, until none is left. Each statement runs in an auto-commit transaction
 * (session.run), as CALL … IN TRANSACTIONS requires.
 */
export async function clearSynthetic(
  driver: Driver,
  database: string,
  prefix = 'syn-',
  onProgress?: (nodesDeleted: number) => void,
): Promise<{ nodesDeleted: number; seconds: number }> {
  const started = performance.now();
  checkPrefix(prefix);
  let nodesDeleted = 0;
  const session = driver.session({ database });
  try {
    for (;;) {
      const result = await session.run(cypher('synthetic/delete-synthetic'), { prefix, limit: neo4j.int(DELETE_ROWS) });
      const deleted = result.summary.counters.updates().nodesDeleted;
      nodesDeleted += deleted;
      if (deleted === 0) break;
      onProgress?.(nodesDeleted);
    }
  } finally {
    await session.close();
  }
  return { nodesDeleted, seconds: (performance.now() - started) / 1000 };
}

export interface SyntheticCounts {
  nodes: { key: string; count: number }[];
  relationships: { key: string; count: number }[];
  claims: number;
}

/** What the database holds under the prefix: nodes by kind, relationships by type (STATES links claims), claims. */
export async function countSynthetic(driver: Driver, database: string, prefix = 'syn-'): Promise<SyntheticCounts> {
  const { records } = await driver.executeQuery(cypher('synthetic/count-synthetic'), { prefix: checkPrefix(prefix) }, { database });
  const row = records[0]!.toObject() as SyntheticCounts;
  return { nodes: row.nodes, relationships: row.relationships, claims: Number(row.claims) };
}
