/**
 * graph.json, the exchange and backup format: one JSON document
 *
 *   {"format":"jinan-party-graph","version":1,"exportedAt":"…","root":null,
 *   "nodes":[
 *   {"id":"…","labels":["Entity","Place","Village"],"props":{…}},
 *   …
 *   ],
 *   "relationships":[ {"id","type","from","to","props"} … ],
 *   "claims":[ {"id","subject","props"} … ],
 *   "changes":[ {…a change-log entry…} … ],      (backups only)
 *   "contentHash":"…","counts":{"nodes":…,"relationships":…,"claims":…,"changes":…}}
 *
 * written one record per line, so that it is both valid JSON (any tool reads it) and readable line by
 * line (the importer and restore stream it without holding it whole). A file laid out otherwise is
 * read whole with JSON.parse instead.
 *
 * contentHash() is the graph's fingerprint, independent of Neo4j's internal ids and of record order:
 * the sum (mod 2^256) of the SHA-256 of every node, relationship and claim in a canonical form (keys
 * sorted). Two graphs with the same hash hold the same nodes with the same labels and properties, the
 * same relationships between the same ids, and the same claims.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { ClaimRecord, NodeRecord, RelationshipRecord } from '../graph-records.ts';

export const FORMAT = 'jinan-party-graph';
export const VERSION = 1;

// The records are the seed loader's (data/graph-records.ts): an export is what a load reads.
export type { ClaimRecord, NodeRecord, RelationshipRecord };
export type ChangeRecord = Record<string, unknown>;

export interface Sections {
  nodes: NodeRecord;
  relationships: RelationshipRecord;
  claims: ClaimRecord;
  changes: ChangeRecord;
}
export type Section = keyof Sections;
export const SECTIONS: Section[] = ['nodes', 'relationships', 'claims', 'changes'];

/** What the file says it holds: written last, known only once every record has been written. */
export interface DocumentTrailer {
  contentHash: string;
  counts: Record<Section, number>;
}

export interface DocumentHeader {
  format: typeof FORMAT;
  version: number;
  exportedAt: string;
  /** The subtree's root; null for the whole graph. */
  root: string | null;
}

/** Writes graph.json to a stream, record by record, waiting when the stream asks it to. */
export class GraphJsonWriter {
  private section: Section | null = null;
  private first = true;

  constructor(private readonly out: Writable) {}

  private async write(text: string) {
    if (!this.out.write(text)) await once(this.out, 'drain');
  }

  async begin(header: DocumentHeader) {
    await this.write(`${JSON.stringify(header).slice(0, -1)},\n`);
  }

  async startSection(section: Section) {
    if (this.section) await this.write('\n],\n');
    this.section = section;
    this.first = true;
    await this.write(`"${section}":[`);
  }

  async record(record: unknown) {
    await this.write(`${this.first ? '\n' : ',\n'}${JSON.stringify(record)}`);
    this.first = false;
  }

  async end(trailer: DocumentTrailer) {
    const tail = JSON.stringify(trailer).slice(1);
    await this.write(this.section ? `\n],\n${tail}\n` : `"nodes":[],\n${tail}\n`);
    this.out.end();
  }
}

export interface ReadRecord {
  section: Section;
  record: Sections[Section];
  /** 1-based line of the file (0 when the file was read whole). */
  line: number;
}

export class BadGraphDocument extends Error {
  override name = 'BadGraphDocument';
}

/**
 * Reads graph.json: the header, then every record with its section and line, then the trailer when
 * the file has one. Throws BadGraphDocument, naming the line, on a file that is not a graph.json or
 * that ends before the document does (a truncated file).
 */
export async function* readGraphDocument(input: Readable): AsyncGenerator<DocumentHeader | ReadRecord | DocumentTrailer> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNo = 0;
  let section: Section | null = null;
  let whole: string[] | null = null;
  let ended = false;
  for await (const raw of lines) {
    lineNo += 1;
    if (whole) {
      whole.push(raw);
      continue;
    }
    const line = raw.trim();
    if (lineNo === 1) {
      if (!line.startsWith(`{"format":"${FORMAT}"`) || !line.endsWith(',')) {
        whole = [raw];
        continue;
      }
      yield checkHeader(JSON.parse(`${line.slice(0, -1)}}`));
      continue;
    }
    if (ended) {
      if (line === '') continue;
      throw new BadGraphDocument(`line ${lineNo}: text after the end of the document`);
    }
    if (line === '' || line === '],' || line === ']') continue;
    if (line === ']}' || line === '"nodes":[]}') {
      ended = true;
      continue;
    }
    if (line.startsWith('"contentHash":')) {
      yield checkTrailer(parseLine(`{${line}`, lineNo) as Partial<DocumentTrailer>);
      ended = true;
      continue;
    }
    const start = /^"(nodes|relationships|claims|changes)":\[(\]\}?,?)?$/.exec(line);
    if (start) {
      section = start[1] as Section;
      continue;
    }
    if (!section) throw new BadGraphDocument(`line ${lineNo}: expected "nodes":[ or another section, got ${line.slice(0, 40)}`);
    const record = parseLine(line.endsWith(',') ? line.slice(0, -1) : line, lineNo);
    if (!record || typeof record !== 'object' || Array.isArray(record))
      throw new BadGraphDocument(`line ${lineNo}: a record must be a JSON object`);
    yield { section, record: record as Sections[Section], line: lineNo };
  }
  if (whole) {
    let document: DocumentHeader & Partial<{ [S in Section]: Sections[S][] }> & Partial<DocumentTrailer>;
    try {
      document = JSON.parse(whole.join('\n'));
    } catch (error) {
      throw new BadGraphDocument(`not a JSON document (${(error as Error).message})`);
    }
    if (!document || typeof document !== 'object') throw new BadGraphDocument('not a JSON object');
    yield checkHeader(document);
    for (const s of SECTIONS) {
      const records = document[s] ?? [];
      if (!Array.isArray(records)) throw new BadGraphDocument(`"${s}" must be a list`);
      for (const record of records) yield { section: s, record, line: 0 };
    }
    if (document.contentHash !== undefined) yield checkTrailer({ contentHash: document.contentHash, counts: document.counts });
    return;
  }
  if (lineNo === 0) throw new BadGraphDocument('the file is empty');
  if (!ended) throw new BadGraphDocument(`the file ends at line ${lineNo} before the document does (truncated?)`);
}

function parseLine(text: string, lineNo: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadGraphDocument(`line ${lineNo}: not a JSON record (${(error as Error).message})`);
  }
}

function checkHeader(header: DocumentHeader): DocumentHeader {
  if (header.format !== FORMAT) throw new BadGraphDocument(`not a ${FORMAT} graph.json (format is ${String(header.format)})`);
  if (header.version !== VERSION) throw new BadGraphDocument(`graph.json version ${header.version}; this version reads ${VERSION}`);
  return { format: header.format, version: header.version, exportedAt: header.exportedAt, root: header.root ?? null };
}

function checkTrailer(trailer: Partial<DocumentTrailer>): DocumentTrailer {
  const counts = trailer.counts as Partial<Record<Section, unknown>> | undefined;
  if (
    typeof trailer.contentHash !== 'string' ||
    !/^[0-9a-f]{64}$/.test(trailer.contentHash) ||
    !counts ||
    SECTIONS.some((s) => !Number.isSafeInteger(counts[s]))
  ) {
    throw new BadGraphDocument('the trailer must carry contentHash (64 hex digits) and counts of nodes, relationships, claims, changes');
  }
  return { contentHash: trailer.contentHash, counts: counts as Record<Section, number> };
}

/** Whether a read item is the trailer. */
export const isTrailer = (item: DocumentHeader | ReadRecord | DocumentTrailer): item is DocumentTrailer => 'contentHash' in item;

/** JSON with object keys sorted at every level, so equal values give equal text. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

const MOD = 1n << 256n;

/** The order-independent fingerprint of a graph (see the file's comment); feed it every record. */
export class ContentHash {
  private sum = 0n;
  count = { nodes: 0, relationships: 0, claims: 0 };

  add(section: Section, record: Sections[Section]) {
    if (section === 'changes') return;
    let form: unknown;
    if (section === 'nodes') {
      const n = record as NodeRecord;
      form = ['node', n.id, [...n.labels].sort(), n.props];
    } else if (section === 'relationships') {
      const r = record as RelationshipRecord;
      form = ['relationship', r.id, r.type, r.from, r.to, r.props];
    } else {
      const c = record as ClaimRecord;
      form = ['claim', c.id, c.subject, c.props];
    }
    this.count[section] += 1;
    this.sum = (this.sum + BigInt(`0x${createHash('sha256').update(canonical(form)).digest('hex')}`)) % MOD;
  }

  get hex(): string {
    return this.sum.toString(16).padStart(64, '0');
  }
}
