/**
 * Backup and restore for the embedded Neo4j (and any other), without stopping it. A backup is the
 * whole-graph export plus the change log, read in one transaction (so it is consistent while the API
 * keeps writing), gzipped, with the content hash and counts in its trailer.
 *
 * A restore never destroys before it has verified, and never leaves half a graph:
 *   1. the whole file is read and checked first — its format, every record (check-record.ts), that it
 *      is complete, and that its records give the content hash and counts its trailer carries — with
 *      nothing touched; a missing, garbage, truncated or altered file is refused here;
 *   2. a safety backup of what the database holds is written (BACKUP_DIR, named with the time) and
 *      read back to check it;
 *   3. in ONE write transaction the old graph is deleted, the file is read again and written back in
 *      batches of statements, and the graph the transaction sees is hashed and compared with the file
 *      before it commits. Any failure, and a kill of the restoring process (its connection drops),
 *      rolls the transaction back: the database holds the old graph or the new one, never a mix.
 *
 * One transaction holds the whole new graph in Neo4j's transaction state. The documented data plus a
 * tiny synthetic graph fit the embedded Neo4j's 2 GB heap (tests/integration/restore-safety); a
 * province (10⁶ nodes) has not been tried and will need a larger NEO4J_HEAP. A restore that does not
 * fit fails and rolls back, leaving the old graph.
 */
import { createReadStream, createWriteStream, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { atomicPath } from '../../db/cli.ts';
import type { QueryName } from '../../graph/cypher-queries.ts';
import type { GraphStore, WriteTx } from '../../graph/graph-store.ts';
import { relationshipEndsMisfit } from '../../graph/write-rules.ts';
import type { RelationshipType } from '../../schema/model.ts';
import { checkRecord } from './check-record.ts';
import { hashGraphIn, writeGraphJson } from './export-graph.ts';
import {
  ContentHash,
  type DocumentHeader,
  isTrailer,
  type NodeRecord,
  type RelationshipRecord,
  readGraphDocument,
  SECTIONS,
  type Section,
  type Sections,
} from './graph-document.ts';

const RESTORE_BATCH = 5_000;
/** The one restore transaction: long enough for a city graph on a slow disk. */
const RESTORE_TIMEOUT_MS = 30 * 60_000;

/**
 * A relationship the model does not allow between its ends' kinds (graph/write-rules.ts; reads rely on
 * it: server/related-fields.ts farCategory), worded for the refusal; null when it fits. Remembers each
 * node's kind as it passes.
 */
function endsMisfit(kinds: Map<string, string>, section: Section, record: Sections[Section]): string | null {
  if (section === 'nodes') {
    const node = record as NodeRecord;
    kinds.set(node.id, String(node.props.kind));
    return null;
  }
  if (section !== 'relationships') return null;
  const link = record as RelationshipRecord;
  // A reference to no node of the file is not a misfit: the content hash check after loading refuses it, as before.
  const misfit = relationshipEndsMisfit({ ...link, type: link.type as RelationshipType }, (id) => kinds.get(id));
  return misfit ? `${misfit.end}: ${link.id}: ${misfit.message}` : null;
}

/** A restore refused before anything was written: a bad file, or a database that holds data without --force. */
export class RestoreRefused extends Error {
  override name = 'RestoreRefused';
}

/** Writes a backup to `out`; it appears there only when complete (written under a temporary name). */
export async function backup(store: GraphStore, out: string) {
  const started = performance.now();
  const target = atomicPath(out);
  try {
    const gzip = createGzip();
    const written = pipeline(gzip, createWriteStream(target.partial));
    const summary = await writeGraphJson(store, { root: null, changes: true }, gzip);
    await written;
    target.commit();
    return { ...summary, bytes: statSync(out).size, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    target.abort();
    throw error;
  }
}

/** A backup file name for now: graph-2025-01-31T12-00-00-000Z.json.gz (sorts by time). */
export function backupName(prefix = 'graph'): string {
  return `${prefix}-${new Date().toISOString().replace(/[:.]/g, '-')}.json.gz`;
}

/** The backup file as text: gunzipped when it starts with gzip's magic bytes. */
async function openBackup(path: string): Promise<Readable> {
  const head = await new Promise<Buffer>((resolve, reject) => {
    const stream = createReadStream(path, { start: 0, end: 1 });
    const chunks: Buffer[] = [];
    stream.on('data', (c) => chunks.push(c as Buffer));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
  const file = createReadStream(path);
  if (head[0] !== 0x1f || head[1] !== 0x8b) return file;
  const gunzip = createGunzip();
  // A read error of the file reaches the reader as an error of the gunzipped stream.
  file.on('error', (error) => gunzip.destroy(error));
  return file.pipe(gunzip);
}

export interface VerifiedBackup {
  header: DocumentHeader;
  counts: Record<Section, number>;
  hash: string;
  /** Whether the file carried a content hash (files written before the trailer existed do not). */
  carriedHash: boolean;
}

/**
 * Reads the whole file and checks it (format, completeness, every record, the carried content hash
 * and counts), calling `visit` with each record as it goes. Throws RestoreRefused naming the problem.
 */
export async function readBackup(
  path: string,
  visit?: (section: Section, record: Record<string, unknown>) => Promise<void>,
): Promise<VerifiedBackup> {
  const hash = new ContentHash();
  const counts: Record<Section, number> = { nodes: 0, relationships: 0, claims: 0, changes: 0 };
  let header: DocumentHeader | null = null;
  let trailer: { contentHash: string; counts: Record<Section, number> } | null = null;
  // Each node's kind, for the relationships after them (a document lists nodes first).
  const kinds = new Map<string, string>();
  try {
    for await (const item of readGraphDocument(await openBackup(path))) {
      if (isTrailer(item)) trailer = item;
      else if (!('section' in item)) {
        header = item;
        if (header.root !== null)
          throw new RestoreRefused(`it is an export of the subtree under ${header.root}, not a backup; import it with npm run import`);
      } else {
        const checked = checkRecord(item.section, item.record);
        if (checked.problem) throw new RestoreRefused(`line ${item.line}: ${checked.problem.column}: ${checked.problem.message}`);
        const misfit = endsMisfit(kinds, item.section, checked.record);
        if (misfit) throw new RestoreRefused(`line ${item.line}: ${misfit}`);
        hash.add(item.section, checked.record);
        counts[item.section] += 1;
        await visit?.(item.section, checked.record as unknown as Record<string, unknown>);
      }
    }
  } catch (error) {
    if (error instanceof RestoreRefused) throw new RestoreRefused(`${path}: ${error.message}`);
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') throw new RestoreRefused(`${path}: no such file`);
    if (code === 'EISDIR') throw new RestoreRefused(`${path}: is a directory`);
    // zlib (a damaged or cut gzip file), the document reader, a JSON error: the file is not a backup.
    throw new RestoreRefused(`${path}: not a readable backup: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!header) throw new RestoreRefused(`${path}: not a backup (no graph.json header)`);
  if (trailer) {
    if (trailer.contentHash !== hash.hex)
      throw new RestoreRefused(`${path}: its records give content hash ${hash.hex}, not the ${trailer.contentHash} it carries (altered?)`);
    const off = SECTIONS.find((s) => trailer.counts[s] !== counts[s]);
    if (off) throw new RestoreRefused(`${path}: it holds ${counts[off]} ${off}, not the ${trailer.counts[off]} it says`);
  }
  return { header, counts, hash: hash.hex, carriedHash: trailer !== null };
}

/**
 * Writes a backup of what the database holds to `dir` (named with the time) and reads it back to check
 * it gives the graph's content hash; returns its path.
 */
export async function safetyBackup(store: GraphStore, dir: string, prefix = 'before-restore'): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, backupName(prefix));
  const made = await backup(store, path);
  const check = await readBackup(path);
  if (check.hash !== made.hash) throw new Error(`the safety backup ${path} does not read back as written; nothing was restored`);
  return path;
}

export interface RestoreOptions {
  force: boolean;
  /** Where the safety backup of a database that holds data goes (BACKUP_DIR). */
  safetyDir: string;
  /** Records per statement inside the one transaction (default 5,000). */
  batchSize?: number;
  onProgress?: (stage: 'verified' | 'safety-backup' | Section | 'checking', done: number, detail?: string) => void;
}

export interface RestoreResult {
  counts: Record<Section, number>;
  hash: string;
  carriedHash: boolean;
  /** The safety backup taken first, when the database held anything. */
  safetyBackup: string | null;
  seconds: number;
}

const QUERIES: Record<Section, QueryName> = {
  nodes: 'import/create-entities',
  relationships: 'import/restore-links',
  claims: 'import/merge-claims',
  changes: 'import/record-changes',
};

async function countHeld(store: GraphStore): Promise<number> {
  const [row] = await store.read<{ nodes: number }>('import/count-database');
  return Number(row?.nodes ?? 0);
}

export async function restore(store: GraphStore, path: string, options: RestoreOptions): Promise<RestoreResult> {
  const started = performance.now();
  const verified = await readBackup(path);
  options.onProgress?.('verified', verified.counts.nodes, verified.hash);

  const held = await countHeld(store);
  if (held > 0 && !options.force)
    throw new RestoreRefused(`the database holds ${held} nodes; restore into an empty one, or give --force to replace them`);
  let safety: string | null = null;
  if (held > 0) {
    safety = await safetyBackup(store, options.safetyDir);
    options.onProgress?.('safety-backup', held, safety);
  }

  const batchSize = options.batchSize ?? RESTORE_BATCH;
  await store.write(
    async (tx) => {
      // Hierarchy moves queue behind the restore instead of writing into the graph it replaces.
      await tx.run('mutation/lock-hierarchy');
      await tx.run('import/clear-graph');
      await loadInto(tx, path, verified.hash, batchSize, options.onProgress);
      options.onProgress?.('checking', 0);
      const loaded = await hashGraphIn(tx);
      if (loaded !== verified.hash)
        throw new Error(`the restored graph's content hash is ${loaded}, not the file's ${verified.hash}; rolled back`);
    },
    { timeoutMs: RESTORE_TIMEOUT_MS },
  );
  return {
    counts: verified.counts,
    hash: verified.hash,
    carriedHash: verified.carriedHash,
    safetyBackup: safety,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Writes the file's records in the transaction, in batches, nodes before the links between them. */
async function loadInto(tx: WriteTx, path: string, hash: string, batchSize: number, onProgress: RestoreOptions['onProgress']) {
  const done: Record<Section, number> = { nodes: 0, relationships: 0, claims: 0, changes: 0 };
  let batch: Record<string, unknown>[] = [];
  let batchSection: Section | null = null;
  const flush = async () => {
    if (!batchSection || batch.length === 0) return;
    const rows = batch;
    batch = [];
    await tx.runByName(QUERIES[batchSection], batchSection === 'changes' ? { changes: rows } : { rows });
    done[batchSection] += rows.length;
    onProgress?.(batchSection, done[batchSection]);
  };
  // Read again (the file is not held in memory): it must be the file that was verified.
  const again = await readBackup(path, async (section, record) => {
    if (section !== batchSection) {
      await flush();
      batchSection = section;
    }
    batch.push(record);
    if (batch.length >= batchSize) await flush();
  });
  await flush();
  if (again.hash !== hash) throw new Error('the file changed while it was being restored; rolled back');
}
