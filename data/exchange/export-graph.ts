/**
 * Exports the graph, or the subtree of one entity, in one read transaction: a consistent snapshot
 * even while the graph is being changed. Records are streamed from Neo4j to the writer (the driver
 * pulls them as the writer consumes them), so a whole-graph JSON export holds little in memory.
 *
 * A subtree is what an area holds (entity/list-area-scope: its places, the organizations governing or
 * covering them and all they lead, the units in them) plus what hangs on those (people, roles, sites,
 * alliances, chains; cypher/export/list-attached-ids); its relationships are all links that leave a
 * member, so a link to a parent outside (district → city) comes along and is restored on import.
 */
import type { Writable } from 'node:stream';
import type { QueryName } from '../../graph/cypher-queries.ts';
import { type GraphStore, type GraphTx, LONG_TX_TIMEOUT_MS } from '../../graph/graph-store.ts';
import {
  ContentHash,
  FORMAT,
  GraphJsonWriter,
  type NodeRecord,
  type RelationshipRecord,
  type Section,
  type Sections,
  VERSION,
} from './graph-document.ts';

export interface ExportOptions {
  /** The subtree's root id; null for the whole graph. */
  root: string | null;
  /** Include the change log (backups). */
  changes?: boolean;
  timeoutMs?: number;
}

export class RootNotFound extends Error {
  constructor(readonly root: string) {
    super(`root: no entity has id "${root}"`);
  }
}

export interface ExportSummary {
  counts: { nodes: number; relationships: number; claims: number; changes: number };
  hash: string;
}

/** The ids of the subtree under `root`, or null for the whole graph; throws RootNotFound. */
export async function subtreeIds(tx: GraphTx, root: string | null): Promise<string[] | null> {
  if (root === null) return null;
  const [scope] = await tx.run<{ ids: string[] }>('entity/list-area-scope', { areaId: root });
  if (!scope?.ids) throw new RootNotFound(root);
  const ids = new Set(scope.ids);
  const attached = await tx.run<{ id: string }>('export/list-attached-ids', { ids: [...ids] });
  for (const row of attached) ids.add(row.id);
  return [...ids].sort();
}

/** Calls `visit` with every record of the export, section by section, inside one read transaction. */
export async function streamGraph(
  tx: GraphTx,
  options: ExportOptions,
  visit: <S extends Section>(section: S, record: Sections[S] | null) => Promise<void>,
): Promise<void> {
  const ids = await subtreeIds(tx, options.root);
  const queries: [Section, QueryName][] = [
    ['nodes', 'export/stream-nodes'],
    ['relationships', 'export/stream-relationships'],
    ['claims', 'export/stream-claims'],
  ];
  if (options.changes) queries.push(['changes', 'export/stream-changes']);
  for (const [section, query] of queries) {
    await visit(section, null);
    await tx.stream<Record<string, unknown>>(query, { ids }, (row) =>
      visit(section, (section === 'changes' ? row.props : row) as Sections[typeof section]),
    );
  }
}

/**
 * Writes graph.json to `out` (ended when done) and returns its counts and content hash. The root is
 * checked before the first byte is written, so an unknown root leaves `out` untouched.
 */
export async function writeGraphJson(store: GraphStore, options: ExportOptions, out: Writable): Promise<ExportSummary> {
  const writer = new GraphJsonWriter(out);
  const hash = new ContentHash();
  let changes = 0;
  let begun = false;
  await store.readTx(
    (tx) =>
      streamGraph(tx, options, async (section, record) => {
        if (!begun) {
          begun = true;
          await writer.begin({ format: FORMAT, version: VERSION, exportedAt: new Date().toISOString(), root: options.root });
        }
        if (record === null) return writer.startSection(section);
        if (section === 'changes') changes += 1;
        else hash.add(section, record);
        await writer.record(record);
      }),
    { timeoutMs: options.timeoutMs ?? LONG_TX_TIMEOUT_MS },
  );
  const counts = { ...hash.count, changes };
  await writer.end({ contentHash: hash.hex, counts });
  return { counts, hash: hash.hex };
}

/** The export held in memory (GraphML needs every property key before the first node). */
export async function collectGraph(store: GraphStore, options: ExportOptions) {
  const graph = { nodes: [] as NodeRecord[], relationships: [] as RelationshipRecord[], claims: [] as Sections['claims'][] };
  await store.readTx(
    (tx) =>
      streamGraph(tx, { ...options, changes: false }, async (section, record) => {
        if (record !== null && section !== 'changes') (graph[section as Exclude<Section, 'changes'>] as unknown[]).push(record);
      }),
    { timeoutMs: options.timeoutMs ?? LONG_TX_TIMEOUT_MS },
  );
  return graph;
}

/** The content hash of the graph or a subtree, read in one transaction without writing anything out. */
export async function hashGraph(store: GraphStore, root: string | null): Promise<ExportSummary> {
  const hash = new ContentHash();
  await store.readTx(
    (tx) =>
      streamGraph(tx, { root }, async (section, record) => {
        if (record !== null) hash.add(section, record);
      }),
    { timeoutMs: LONG_TX_TIMEOUT_MS },
  );
  return { counts: { ...hash.count, changes: 0 }, hash: hash.hex };
}

/** The content hash of the whole graph as a transaction sees it (restore checks its work before committing). */
export async function hashGraphIn(tx: GraphTx): Promise<string> {
  const hash = new ContentHash();
  await streamGraph(tx, { root: null }, async (section, record) => {
    if (record !== null) hash.add(section, record);
  });
  return hash.hex;
}
