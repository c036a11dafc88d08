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

/** The CSV type of one value, or null for null/undefined (an empty field: no property). */
function typeOf(value: unknown, where: string): ColumnType | null {
  if (value === null || value === undefined) return null;
  const scalar = (v: unknown): 'string' | 'boolean' | 'long' | 'double' => {
    if (typeof v === 'string') return 'string';
    if (typeof v === 'boolean') return 'boolean';
    if (typeof v === 'number' && Number.isFinite(v)) return Number.isInteger(v) ? 'long' : 'double';
    throw new Error(`${where}: ${JSON.stringify(v)} cannot be written to the importer's CSV`);
  };
  if (!Array.isArray(value)) return scalar(value);
  const kinds = new Set(value.map(scalar));
  if (kinds.size > 1) throw new Error(`${where}: an array mixing ${[...kinds].join(' and ')}`);
  return `${[...kinds][0] ?? 'string'}[]` as ColumnType;
}

/** One CSV field: strings quoted (quotes doubled), arrays joined by ARRAY_DELIMITER, null empty. */
export function csvField(value: unknown, where: string): string {
  if (value === null || value === undefined) return '';
  const text = (v: unknown) => {
    const s = String(v);
    if (/[\r\n]/.test(s) || s.includes(ARRAY_DELIMITER)) throw new Error(`${where}: a line break or U+001F in ${JSON.stringify(s)}`);
    return s;
  };
  if (Array.isArray(value)) return `"${value.map(text).join(ARRAY_DELIMITER).replaceAll('"', '""')}"`;
  if (typeof value === 'string') return `"${text(value).replaceAll('"', '""')}"`;
  return text(value);
}

/** The columns of one file: property keys in first-seen order, each with one type. */
export class CsvColumns {
  readonly types = new Map<string, ColumnType>();
  add(props: Record<string, unknown>, where: string, skip: string) {
    for (const [key, value] of Object.entries(props)) {
      if (key === skip) continue;
      if (!NAME.test(key)) throw new Error(`${where}: property name ${JSON.stringify(key)}`);
      const type = typeOf(value, `${where}.${key}`);
      if (type === null) continue;
      const known = this.types.get(key);
      if (known && known !== type) throw new Error(`${where}.${key}: ${type} here, ${known} elsewhere`);
      this.types.set(key, type);
    }
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
 * Writes the generated graph as the importer's CSV: one header file and one data file per label set
 * (nodes) and per type (relationships). Two passes over the generator (it is deterministic and takes
 * seconds): the first finds each file's columns, the second writes the rows.
 */
export function writeImportFiles(options: SyntheticOptions, dir: string): ImportFiles {
  const nodeColumns = new Map<string, CsvColumns>();
  const relColumns = new Map<string, CsvColumns>();
  const ids = new Set<string>();
  for (const chunk of generateSynthetic(options)) {
    for (const node of chunk.nodes) {
      if (ids.has(node.id)) throw new Error(`duplicate node id ${node.id}`);
      ids.add(node.id);
      if (node.props.id !== undefined && node.props.id !== node.id) throw new Error(`node ${node.id}: props.id ${String(node.props.id)}`);
      for (const label of node.labels) if (!NAME.test(label)) throw new Error(`node ${node.id}: label ${JSON.stringify(label)}`);
      const key = node.labels.join(':');
      const columns = nodeColumns.get(key) ?? nodeColumns.set(key, new CsvColumns()).get(key)!;
      columns.add(node.props, `node ${node.id}`, 'id');
    }
    for (const rel of chunk.relationships) {
      if (!NAME.test(rel.type)) throw new Error(`relationship ${rel.id}: type ${JSON.stringify(rel.type)}`);
      const columns = relColumns.get(rel.type) ?? relColumns.set(rel.type, new CsvColumns()).get(rel.type)!;
      columns.add(rel.props, `relationship ${rel.id}`, '');
    }
  }
  ids.clear();

  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const args: string[] = [];
  const open = (kind: 'nodes' | 'relationships', groups: Map<string, CsvColumns>, head: (c: CsvColumns) => string[]) => {
    const files = new Map<string, { file: CsvFile; keys: string[] }>();
    [...groups].forEach(([group, columns], i) => {
      const header = new CsvFile(join(dir, `${kind}-${i}-header.csv`));
      header.line(head(columns));
      header.close();
      const data = new CsvFile(join(dir, `${kind}-${i}.csv`));
      files.set(group, { file: data, keys: [...columns.types.keys()] });
      args.push(`--${kind}=${group}=${header.path},${data.path}`);
    });
    return files;
  };
  const nodeFiles = open('nodes', nodeColumns, (c) => ['id:ID', ...c.header()]);
  const relFiles = open('relationships', relColumns, (c) => [':START_ID', ':END_ID', ...c.header()]);

  const result: ImportFiles = { args, chunks: 0, nodes: 0, relationships: 0, claims: [] };
  try {
    for (const chunk of generateSynthetic(options)) {
      for (const node of chunk.nodes) {
        const { file, keys } = nodeFiles.get(node.labels.join(':'))!;
        const where = `node ${node.id}`;
        file.line([csvField(node.id, where), ...keys.map((k) => csvField(node.props[k], where))]);
      }
      for (const rel of chunk.relationships) {
        const { file, keys } = relFiles.get(rel.type)!;
        const where = `relationship ${rel.id}`;
        file.line([csvField(rel.from, where), csvField(rel.to, where), ...keys.map((k) => csvField(rel.props[k], where))]);
      }
      result.chunks += 1;
      result.nodes += chunk.nodes.length;
      result.relationships += chunk.relationships.length;
      result.claims.push(...chunk.claims);
    }
  } finally {
    for (const { file } of [...nodeFiles.values(), ...relFiles.values()]) file.close();
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
