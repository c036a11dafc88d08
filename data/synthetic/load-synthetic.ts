/**
 * Loads the synthetic graph district by district (each chunk's nodes, then its relationships and
 * claims, in batched UNWIND transactions of their own), counts it and clears it. Only ids starting
 * syn- are ever written, counted or deleted: the documented data is never touched.
 *
 * A fresh load (nothing under the graph's id prefix yet) writes with CREATE; a reload over data that
 * is already there goes through the shared loader (data/load-graph.ts), whose MERGE on ids leaves an
 * identical graph. Claims always go through the shared loader.
 */
import type { QueryName } from '../../graph/cypher-queries.ts';
import type { GraphStore } from '../../graph/graph-store.ts';
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

export async function loadSynthetic(store: GraphStore, options: SyntheticLoadOptions): Promise<SyntheticLoadResult> {
  const batchSize = options.batchSize ?? 10_000;
  const started = performance.now();
  const mode = options.mode === 'create' || options.mode === 'merge' ? options.mode : await chooseMode(store, idPrefix(options));
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
    if (mode === 'create') await createAll(store, 'synthetic/create-nodes', chunk.nodes, batchSize);
    else await loadGraph(store, { nodes: chunk.nodes, relationships: [], claims: [] }, { batchSize });
    const t2 = performance.now();
    if (mode === 'create') {
      await createAll(store, 'synthetic/create-relationships', chunk.relationships, batchSize);
      await loadGraph(store, { nodes: [], relationships: [], claims: chunk.claims }, { batchSize });
    } else {
      await loadGraph(store, { nodes: [], relationships: chunk.relationships, claims: chunk.claims }, { batchSize });
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

async function chooseMode(store: GraphStore, prefix: string): Promise<LoadMode> {
  const [row] = await store.read<{ present: boolean }>('synthetic/has-synthetic', { prefix: checkPrefix(prefix) });
  return row?.present ? 'merge' : 'create';
}

/** Writes rows with a CREATE statement, one transaction per batch; a batch that creates fewer rows than it holds fails. */
async function createAll(store: GraphStore, query: QueryName, rows: (NodeRecord | RelationshipRecord)[], batchSize: number) {
  const created = await store.writeRows<{ created: number }>(query, rows, { batchSize });
  created.forEach(({ created: count }, i) => {
    const batch = Math.min(batchSize, rows.length - i * batchSize);
    if (Number(count ?? 0) !== batch) {
      throw new Error(`${query}: ${batch} rows but ${count} created (a relationship's end node is missing?)`);
    }
  });
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
 * (GraphStore.runAutoCommit), as CALL … IN TRANSACTIONS requires.
 */
export async function clearSynthetic(
  store: GraphStore,
  prefix = 'syn-',
  onProgress?: (nodesDeleted: number) => void,
): Promise<{ nodesDeleted: number; seconds: number }> {
  const started = performance.now();
  checkPrefix(prefix);
  let nodesDeleted = 0;
  for (;;) {
    const { counters } = await store.runAutoCommit('synthetic/delete-synthetic', { prefix, limit: DELETE_ROWS });
    nodesDeleted += counters.nodesDeleted;
    if (counters.nodesDeleted === 0) break;
    onProgress?.(nodesDeleted);
  }
  return { nodesDeleted, seconds: (performance.now() - started) / 1000 };
}

export interface SyntheticCounts {
  nodes: { key: string; count: number }[];
  relationships: { key: string; count: number }[];
  claims: number;
}

/** What the database holds under the prefix: nodes by kind, relationships by type (STATES links claims), claims. */
export async function countSynthetic(store: GraphStore, prefix = 'syn-'): Promise<SyntheticCounts> {
  const [row] = await store.read<SyntheticCounts>('synthetic/count-synthetic', { prefix: checkPrefix(prefix) });
  if (!row) throw new Error('synthetic/count-synthetic returned no row');
  return { nodes: row.nodes, relationships: row.relationships, claims: Number(row.claims) };
}
