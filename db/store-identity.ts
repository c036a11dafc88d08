/**
 * Which store this checkout owns. Two checkouts on one machine both default to Bolt port 7687: the
 * second would attach to the first one's running Neo4j, apply its schema and serve (and seed, and
 * write) its data without a word. So each store carries an id, written into the graph as one
 * (:StoreIdentity {id}) node and into a file beside the store (NEO4J_STORE_ID_FILE, `.data/store-id`);
 * at start the two must agree, before the schema is applied or anything is read or written.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { ensurePrivateDir } from '../graph/secret-file.ts';

export interface StoreIdentityOptions {
  /** The file holding this checkout's store id. */
  file: string;
  /**
   * When the file is missing but the graph has an id, take the graph's: right for an external Neo4j
   * named by NEO4J_URI (a container's file system may be new at every deploy), wrong for the default
   * local port, where a missing file means a new checkout looking at someone else's Neo4j.
   */
  adoptWhenMissing: boolean;
}

export class ForeignStoreError extends Error {
  override name = 'ForeignStoreError';
}

function readId(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim() || null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function writeId(file: string, id: string) {
  ensurePrivateDir(dirname(file));
  writeFileSync(file, `${id}\n`, { mode: 0o600 });
}

/** Checks (and on a first start, writes) the store's identity; throws ForeignStoreError on a mismatch. */
export async function checkStoreIdentity(driver: Driver, database: string, where: string, options: StoreIdentityOptions): Promise<string> {
  const mine = readId(options.file);
  const { records } = await driver.executeQuery('MATCH (s:StoreIdentity) RETURN s.id AS id LIMIT 2', {}, { database });
  const held = records.map((r) => r.get('id') as string);
  if (held.length === 0) {
    // A new store (or one from before store ids): it becomes this checkout's.
    const id = mine ?? randomUUID();
    await driver.executeQuery('MERGE (s:StoreIdentity {id: $id}) ON CREATE SET s.since = datetime()', { id }, { database });
    if (!mine) writeId(options.file, id);
    return id;
  }
  const theirs = held[0] as string;
  if (held.length === 1 && theirs === mine) return mine;
  if (held.length === 1 && mine === null && options.adoptWhenMissing) {
    writeId(options.file, theirs);
    return theirs;
  }
  throw new ForeignStoreError(
    `the Neo4j at ${where} holds another store (id ${held.join(', ')}), not this checkout's ` +
      `(${mine ? `id ${mine}` : `${options.file} does not exist`}): probably another checkout's Neo4j is running on that port. ` +
      `Stop it, or give this checkout its own port (NEO4J_BOLT_PORT); if that store really is this checkout's, write its id into ${options.file}. ` +
      'Nothing was changed.',
  );
}
