/**
 * Backup and restore for the embedded Neo4j (and any other), without stopping it. A backup is the
 * whole-graph export plus the change log, read in one transaction (so it is consistent while the API
 * keeps writing) and gzipped. A restore refuses a database that holds anything unless forced (then it
 * empties it first), and writes the backup back in batches of 5,000 records per transaction, nodes
 * before the links between them: fast, and bounded in memory at any size. It is not all-or-nothing —
 * a restore that stops half-way leaves part of the graph; run it again with --force.
 */
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import neo4j, { type Driver } from 'neo4j-driver';
import { CATEGORIES, isKind, isRelationshipType } from '../../schema/model.ts';
import { cypher } from '../../server/cypher-queries.ts';
import { writeGraphJson } from './export-graph.ts';
import { ContentHash, type NodeRecord, type RelationshipRecord, readGraphDocument, type Section } from './graph-document.ts';

const RESTORE_BATCH = 5_000;

export class RestoreRefused extends Error {}

export async function backup(driver: Driver, database: string, out: string) {
  const started = performance.now();
  const gzip = createGzip();
  const written = pipeline(gzip, createWriteStream(out));
  const summary = await writeGraphJson(driver, database, { root: null, changes: true }, gzip);
  await written;
  return { ...summary, bytes: statSync(out).size, seconds: (performance.now() - started) / 1000 };
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
  return head[0] === 0x1f && head[1] === 0x8b ? file.pipe(createGunzip()) : file;
}

const ALLOWED_LABELS = new Set<string>(['Entity', 'Synthetic', ...CATEGORIES]);

function checkNode(node: NodeRecord, line: number) {
  const bad = node.labels.find((label) => !ALLOWED_LABELS.has(label) && !isKind(label));
  if (bad) throw new Error(`line ${line}: node ${node.id} has label ${bad}, which is not in schema/model.ts`);
}

function checkRelationship(relationship: RelationshipRecord, line: number) {
  if (!isRelationshipType(relationship.type))
    throw new Error(`line ${line}: relationship ${relationship.id} has type ${relationship.type}, not in schema/model.ts`);
}

export interface RestoreOptions {
  force: boolean;
  onProgress?: (section: Section, done: number) => void;
}

export async function restore(driver: Driver, database: string, path: string, options: RestoreOptions) {
  const started = performance.now();
  const [{ nodes }] = (await driver.executeQuery(cypher('import/count-database'), {}, { database })).records.map((r) => r.toObject()) as [
    { nodes: number },
  ];
  if (Number(nodes) > 0) {
    if (!options.force)
      throw new RestoreRefused(`the database holds ${nodes} nodes; restore into an empty one, or give --force to delete them first`);
    const session = driver.session({ database });
    try {
      await session.run(cypher('import/clear-database'));
    } finally {
      await session.close();
    }
  }

  const hash = new ContentHash();
  const counts = { nodes: 0, relationships: 0, claims: 0, changes: 0 };
  const session = driver.session({ database, defaultAccessMode: neo4j.session.WRITE });
  let batch: Record<string, unknown>[] = [];
  let batchSection: Section | null = null;
  const QUERIES: Record<Section, string> = {
    nodes: 'import/create-entities',
    relationships: 'import/restore-links',
    claims: 'import/merge-claims',
    changes: 'import/record-changes',
  };
  const flush = async () => {
    if (!batchSection || batch.length === 0) return;
    const rows = batch;
    const query = cypher(QUERIES[batchSection]);
    await session.executeWrite((tx) => tx.run(query, batchSection === 'changes' ? { changes: rows } : { rows }));
    counts[batchSection] += rows.length;
    options.onProgress?.(batchSection, counts[batchSection]);
    batch = [];
  };
  try {
    for await (const item of readGraphDocument(await openBackup(path))) {
      if (!('section' in item)) continue;
      if (item.section !== batchSection) {
        await flush();
        batchSection = item.section;
      }
      if (item.section === 'nodes') checkNode(item.record as NodeRecord, item.line);
      if (item.section === 'relationships') checkRelationship(item.record as RelationshipRecord, item.line);
      hash.add(item.section, item.record);
      batch.push(item.record as Record<string, unknown>);
      if (batch.length >= RESTORE_BATCH) await flush();
    }
    await flush();
  } finally {
    await session.close();
  }
  return { counts, hash: hash.hex, seconds: (performance.now() - started) / 1000 };
}
