/**
 * Writes a synthetic graph into an empty store with Neo4j's offline importer (`neo4j-admin database
 * import full`, shipped in the jars db/ fetches), for the benchmark's large stores.
 *
 * Why not the online loader: over Bolt, every row is unpacked, planned through Cypher, locked, indexed
 * and logged; on a 2-core machine that is ~5,000 rows per CPU-second of the JVM once it is warm (and a
 * fraction of that while the JIT warms up), so the province graph (1.35 M nodes, 2.1 M relationships)
 * took over half an hour. The importer writes the store files directly, in parallel stages, and the
 * indexes are then built once by population (applySchema) rather than row by row.
 *
 * The checks of the online loader hold here too: the importer runs with no tolerance for bad entries
 * (a duplicate id or a relationship whose end node is missing fails the import), and the counts it
 * reports must equal what was generated. Claims (a few per district) go through the shared online loader
 * once the store is started again.
 *
 * The importer replaces the whole `neo4j` database of the store: use it only on a store that holds
 * nothing but the synthetic graph (a bench store), with its Neo4j stopped.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { checkJava, DB_DIR, ensureBuilt } from '../../db/embedded-neo4j.ts';
import type { ClaimRecord } from '../graph-records.ts';
import { generateSynthetic, type SyntheticOptions } from './generate.ts';

/** Separates the elements of an array value inside one CSV field (the unit separator: never in a name). */
const ARRAY_DELIMITER = '\u001f';
const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

type ColumnType = 'string' | 'boolean' | 'long' | 'double' | 'string[]' | 'boolean[]' | 'long[]' | 'double[]';

// The functions below run for every value of a province (tens of millions of calls): they define no
// closures, which the TypeScript loader would name one by one (that alone doubled the time).

function scalarType(value: unknown, where: string): 'string' | 'boolean' | 'long' | 'double' {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number' && Number.isFinite(value)) return Number.isInteger(value) ? 'long' : 'double';
  throw new Error(`${where}: ${JSON.stringify(value)} cannot be written to the importer's CSV`);
}

/** The CSV type of one value, or null for null/undefined (an empty field: no property). */
function typeOf(value: unknown, where: string): ColumnType | null {
  if (value === null || value === undefined) return null;
  if (!Array.isArray(value)) return scalarType(value, where);
  const kinds = new Set<string>();
  for (const element of value) kinds.add(scalarType(element, where));
  if (kinds.size > 1) throw new Error(`${where}: an array mixing ${[...kinds].join(' and ')}`);
  return `${[...kinds][0] ?? 'string'}[]` as ColumnType;
}

/** A value as text, refused if it holds what one line of CSV (or one array element) cannot. */
function text(value: unknown, where: string): string {
  const s = String(value);
  if (s.includes('\n') || s.includes('\r') || s.includes(ARRAY_DELIMITER))
    throw new Error(`${where}: a line break or U+001F in ${JSON.stringify(s)}`);
  return s;
}

const quoted = (s: string) => `"${s.includes('"') ? s.replaceAll('"', '""') : s}"`;

/** One CSV field: strings quoted (quotes doubled), arrays joined by ARRAY_DELIMITER, null empty. */
export function csvField(value: unknown, where: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return quoted(text(value, where));
  if (!Array.isArray(value)) return text(value, where);
  let joined = '';
  for (let i = 0; i < value.length; i++) joined += (i ? ARRAY_DELIMITER : '') + text(value[i], where);
  return quoted(joined);
}

/** The columns of one label set or type: property keys in first-seen order, each with one type. */
export class CsvColumns {
  readonly types = new Map<string, ColumnType>();
  /** Adds the record's keys; true when it brought a key not seen before (the file needs a new header). */
  add(props: Record<string, unknown>, where: string, skip: string): boolean {
    let grew = false;
    for (const key in props) {
      if (key === skip) continue;
      const type = typeOf(props[key], `${where}.${key}`);
      if (type === null) continue;
      const known = this.types.get(key);
      if (known === type) continue;
      if (known) throw new Error(`${where}.${key}: ${type} here, ${known} elsewhere`);
      if (!NAME.test(key)) throw new Error(`${where}: property name ${JSON.stringify(key)}`);
      this.types.set(key, type);
      grew = true;
    }
    return grew;
  }
  header(): string[] {
    return [...this.types].map(([key, type]) => (type === 'string' ? key : `${key}:${type}`));
  }
}

/** Appends lines to a file through a buffer: the province graph is hundreds of MB of CSV. */
class CsvFile {
  private readonly fd: number;
  private buffer: string[] = [];
  private size = 0;
  constructor(readonly path: string) {
    this.fd = openSync(path, 'w', 0o600);
  }
  line(fields: string[]) {
    const text = `${fields.join(',')}\n`;
    this.buffer.push(text);
    this.size += text.length;
    if (this.size > 1 << 20) this.flush();
  }
  flush() {
    if (this.buffer.length) writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.size = 0;
  }
  close() {
    this.flush();
    closeSync(this.fd);
  }
}

export interface ImportFiles {
  /** `--nodes` and `--relationships` arguments: labels (or type) = header file, data file. */
  args: string[];
  chunks: number;
  nodes: number;
  relationships: number;
  claims: ClaimRecord[];
}

/**
 * The CSV of one label set (nodes) or one type (relationships), in parts: each part a header file and a
 * data file, a new part whenever a record brings a property the columns so far lack (optional
 * properties such as dissolvedOn appear late), so one pass over the generator writes everything.
 */
class CsvGroup {
  private readonly columns = new CsvColumns();
  private keys: string[] = [];
  private file: CsvFile | null = null;
  private parts = 0;
  constructor(
    private readonly kind: 'nodes' | 'relationships',
    private readonly name: string,
    private readonly index: number,
    private readonly dir: string,
    private readonly args: string[],
  ) {}

  write(lead: string[], props: Record<string, unknown>, skip: string, where: string) {
    if (this.columns.add(props, where, skip) || !this.file) this.nextPart();
    const fields = lead;
    for (const key of this.keys) fields.push(csvField(props[key], where));
    this.file!.line(fields);
  }

  private nextPart() {
    this.file?.close();
    const stem = join(this.dir, `${this.kind}-${this.index}-${this.parts++}`);
    const header = new CsvFile(`${stem}-header.csv`);
    header.line([...(this.kind === 'nodes' ? ['id:ID'] : [':START_ID', ':END_ID']), ...this.columns.header()]);
    header.close();
    this.keys = [...this.columns.types.keys()];
    this.file = new CsvFile(`${stem}.csv`);
    this.args.push(`--${this.kind}=${this.name}=${header.path},${this.file.path}`);
  }

  close() {
    this.file?.close();
  }
}

/**
 * Writes the generated graph as the importer's CSV, one pass over the generator: files per label set
 * (nodes) and per type (relationships). Labels, types and property names are checked to be plain
 * names; a duplicate id or a relationship to a missing node is left to the importer, which refuses it.
 */
export function writeImportFiles(options: SyntheticOptions, dir: string): ImportFiles {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const args: string[] = [];
  const groups = { nodes: new Map<string, CsvGroup>(), relationships: new Map<string, CsvGroup>() };
  const group = (kind: 'nodes' | 'relationships', name: string, where: string) => {
    let found = groups[kind].get(name);
    if (!found) {
      for (const part of name.split(':')) if (!NAME.test(part)) throw new Error(`${where}: label or type ${JSON.stringify(part)}`);
      found = new CsvGroup(kind, name, groups[kind].size, dir, args);
      groups[kind].set(name, found);
    }
    return found;
  };
  const result: ImportFiles = { args, chunks: 0, nodes: 0, relationships: 0, claims: [] };
  try {
    for (const chunk of generateSynthetic(options)) {
      for (const node of chunk.nodes) {
        const where = `node ${node.id}`;
        if (node.props.id !== undefined && node.props.id !== node.id) throw new Error(`${where}: props.id ${String(node.props.id)}`);
        group('nodes', node.labels.join(':'), where).write([csvField(node.id, where)], node.props, 'id', where);
      }
      for (const rel of chunk.relationships) {
        const where = `relationship ${rel.id}`;
        group('relationships', rel.type, where).write([csvField(rel.from, where), csvField(rel.to, where)], rel.props, '', where);
      }
      result.chunks += 1;
      result.nodes += chunk.nodes.length;
      result.relationships += chunk.relationships.length;
      result.claims.push(...chunk.claims);
    }
  } finally {
    for (const g of [...groups.nodes.values(), ...groups.relationships.values()]) g.close();
  }
  return result;
}

export interface ImportResult {
  chunks: number;
  nodes: number;
  relationships: number;
  claims: ClaimRecord[];
  /** Writing the CSV, and running the importer. */
  csvSeconds: number;
  importSeconds: number;
}

export interface ImportOptions extends SyntheticOptions {
  /** The store's home directory (as given to startEmbeddedNeo4j), whose Neo4j must be stopped. */
  homeDir: string;
  /** Off-heap memory the importer may use (default 1g: the machine is shared). */
  memory?: string;
  log?: (line: string) => void;
}

/**
 * Replaces the store's `neo4j` database with the generated graph: writes the CSV under the store,
 * runs the importer (no bad entry tolerated), checks its counts and deletes the CSV.
 */
export async function importSynthetic(options: ImportOptions): Promise<ImportResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  ensureBuilt();
  checkJava();
  const home = resolve(options.homeDir);
  const dir = join(home, 'import-csv');
  rmSync(dir, { recursive: true, force: true });
  const t0 = performance.now();
  const files = writeImportFiles(options, dir);
  const t1 = performance.now();
  log(
    `[import] ${files.nodes.toLocaleString('en-US')} nodes, ${files.relationships.toLocaleString('en-US')} relationships written as CSV in ${((t1 - t0) / 1000).toFixed(1)} s; running neo4j-admin database import full`,
  );
  try {
    const output = await runImporter(
      home,
      [
        'database',
        'import',
        'full',
        // The database first: --nodes and --relationships take every argument up to the next option.
        'neo4j',
        '--overwrite-destination=true',
        '--bad-tolerance=0',
        '--skip-bad-relationships=false',
        '--skip-duplicate-nodes=false',
        `--array-delimiter=U+001F`,
        `--max-off-heap-memory=${options.memory ?? '1g'}`,
        `--report-file=${join(dir, 'import.report')}`,
        ...files.args,
      ],
      log,
    );
    const imported = /Imported:\s*(\d+) nodes\s*(\d+) relationships/.exec(output.replace(/\s+/g, ' '));
    if (!imported) throw new Error(`neo4j-admin import did not report what it imported:\n${output.slice(-2000)}`);
    const [nodes, relationships] = [Number(imported[1]), Number(imported[2])];
    if (nodes !== files.nodes || relationships !== files.relationships) {
      throw new Error(
        `neo4j-admin import wrote ${nodes} nodes and ${relationships} relationships, but ${files.nodes} and ${files.relationships} were generated`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const t2 = performance.now();
  return {
    chunks: files.chunks,
    nodes: files.nodes,
    relationships: files.relationships,
    claims: files.claims,
    csvSeconds: (t1 - t0) / 1000,
    importSeconds: (t2 - t1) / 1000,
  };
}

/** Runs neo4j-admin from db/'s jars against the store (its neo4j.conf, written at each start); resolves with its output. */
function runImporter(home: string, args: string[], log: (line: string) => void): Promise<string> {
  const child = spawn(
    '/bin/sh',
    [
      '-c',
      'umask 077 && exec java "$@"',
      'java',
      '-Xmx1g',
      '-cp',
      `${join(DB_DIR, 'target', 'lib', '*')}`,
      'org.neo4j.cli.AdminTool',
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: home } },
  );
  const lines: string[] = [];
  const take = (line: string) => {
    lines.push(line);
    if (/^(IMPORT|Imported|Peak|\(\d\/\d\)|.*ERROR|.*rror)/.test(line.trim())) log(`[import] ${line.trim()}`);
  };
  createInterface({ input: child.stdout! }).on('line', take);
  createInterface({ input: child.stderr! }).on('line', take);
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('exit', (code, signal) => {
      const output = lines.join('\n');
      if (code === 0) done(output);
      else fail(new Error(`neo4j-admin database import failed (${signal ?? `code ${code}`}):\n${output.slice(-3000)}`));
    });
  });
}
