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
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { cypher, type QueryName } from '../../graph/cypher-queries.ts';
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
export async function subtreeIds(tx: ManagedTransaction, root: string | null): Promise<string[] | null> {
  if (root === null) return null;
  const scope = await tx.run(cypher('entity/list-area-scope'), { areaId: root });
  const base = scope.records[0]?.get('ids') as string[] | undefined;
  if (!base) throw new RootNotFound(root);
  const ids = new Set(base);
  const attached = await tx.run(cypher('export/list-attached-ids'), { ids: [...ids] });
  for (const record of attached.records) ids.add(record.get('id') as string);
  return [...ids].sort();
}

/** Calls `visit` with every record of the export, section by section, inside one read transaction. */
export async function streamGraph(
  tx: ManagedTransaction,
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
    for await (const record of tx.run(cypher(query), { ids })) {
      const row = record.toObject();
      await visit(section, (section === 'changes' ? row.props : row) as Sections[typeof section]);
    }
  }
}

/** Runs `work` in one read transaction of its own session. */
export async function inReadTransaction<T>(
  driver: Driver,
  database: string,
  timeoutMs: number | undefined,
  work: (tx: ManagedTransaction) => Promise<T>,
) {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
  try {
    return await session.executeRead(work, { timeout: timeoutMs ?? 30 * 60_000 });
  } finally {
    await session.close();
  }
}

/**
 * Writes graph.json to `out` (ended when done) and returns its counts and content hash. The root is
 * checked before the first byte is written, so an unknown root leaves `out` untouched.
 */
export async function writeGraphJson(driver: Driver, database: string, options: ExportOptions, out: Writable): Promise<ExportSummary> {
  const writer = new GraphJsonWriter(out);
  const hash = new ContentHash();
  let changes = 0;
  let begun = false;
  await inReadTransaction(driver, database, options.timeoutMs, (tx) =>
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
  );
  const counts = { ...hash.count, changes };
  await writer.end({ contentHash: hash.hex, counts });
  return { counts, hash: hash.hex };
}

/** The export held in memory (GraphML needs every property key before the first node). */
export async function collectGraph(driver: Driver, database: string, options: ExportOptions) {
  const graph = { nodes: [] as NodeRecord[], relationships: [] as RelationshipRecord[], claims: [] as Sections['claims'][] };
  await inReadTransaction(driver, database, options.timeoutMs, (tx) =>
    streamGraph(tx, { ...options, changes: false }, async (section, record) => {
      if (record !== null && section !== 'changes') (graph[section as Exclude<Section, 'changes'>] as unknown[]).push(record);
    }),
  );
  return graph;
}

/** The content hash of the graph or a subtree, read in one transaction without writing anything out. */
export async function hashGraph(driver: Driver, database: string, root: string | null): Promise<ExportSummary> {
  const hash = new ContentHash();
  await inReadTransaction(driver, database, undefined, (tx) =>
    streamGraph(tx, { root }, async (section, record) => {
      if (record !== null) hash.add(section, record);
    }),
  );
  return { counts: { ...hash.count, changes: 0 }, hash: hash.hex };
}

/** The content hash of the whole graph as a transaction sees it (restore checks its work before committing). */
export async function hashGraphIn(tx: ManagedTransaction): Promise<string> {
  const hash = new ContentHash();
  await streamGraph(tx, { root: null }, async (section, record) => {
    if (record !== null) hash.add(section, record);
  });
  return hash.hex;
}
