/**
 * The CSV the offline importer reads (data/synthetic/import-synthetic.ts): read back, it holds every
 * generated node and relationship with the same labels, type, ends and properties (types declared in
 * the header), and values it cannot carry faithfully are refused rather than written wrong.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSynthetic, type SyntheticOptions } from '../../data/synthetic/generate.ts';
import { CsvColumns, csvField, writeImportFiles } from '../../data/synthetic/import-synthetic.ts';

const OPTIONS: SyntheticOptions = { seed: 7, scale: 'tiny' };
const dir = mkdtempSync(join(tmpdir(), 'partygraph-import-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One CSV line (no line breaks inside fields: the writer refuses them), RFC 4180 quoting. */
function parseLine(line: string): (string | null)[] {
  const out: (string | null)[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i += 1;
      for (;;) {
        const q = line.indexOf('"', i);
        if (line[q + 1] === '"') {
          value += `${line.slice(i, q)}"`;
          i = q + 2;
        } else {
          value += line.slice(i, q);
          i = q + 1;
          break;
        }
      }
      out.push(value);
      i += 1; // the comma
    } else {
      const end = line.indexOf(',', i) === -1 ? line.length : line.indexOf(',', i);
      const raw = line.slice(i, end);
      out.push(raw === '' ? null : raw);
      i = end + 1;
    }
  }
  return out;
}

/** A field read back as the importer would, from its header entry `name:type`. */
function typed(head: string, value: string | null): [string, unknown] {
  const [name, type = 'string'] = head.split(':');
  if (value === null) return [name!, undefined];
  const scalar = (v: string) =>
    type.startsWith('boolean') ? v === 'true' : type.startsWith('long') || type.startsWith('double') ? Number(v) : v;
  return [name!, type.endsWith('[]') ? value.split('\u001f').map(scalar) : scalar(value)];
}

/** Every node and relationship in the files written for the importer, as the generator's records. */
function readBack(args: string[]) {
  const nodes = new Map<string, { labels: string[]; props: Record<string, unknown> }>();
  const relationships: { type: string; from: string; to: string; props: Record<string, unknown> }[] = [];
  for (const arg of args) {
    const [, kind, group, files] = /^--(nodes|relationships)=([^=]+)=(.+)$/.exec(arg)!;
    const [headerFile, dataFile] = files!.split(',');
    const header = parseLine(readFileSync(headerFile!, 'utf8').trimEnd()) as string[];
    for (const line of readFileSync(dataFile!, 'utf8').split('\n').filter(Boolean)) {
      const fields = parseLine(line);
      expect(fields).toHaveLength(header.length);
      const props: Record<string, unknown> = {};
      header.forEach((head, i) => {
        if (head.startsWith(':')) return;
        const [name, value] = typed(head, fields[i] ?? null);
        if (value !== undefined) props[name] = value;
      });
      if (kind === 'nodes') nodes.set(String(props.id), { labels: group!.split(':'), props });
      else relationships.push({ type: group!, from: fields[0]!, to: fields[1]!, props });
    }
  }
  return { nodes, relationships };
}

describe('the importer CSV of a synthetic graph', () => {
  const files = writeImportFiles(OPTIONS, dir);
  const generated = [...generateSynthetic(OPTIONS)];
  const back = readBack(files.args);

  it('holds every generated node with its labels and properties, and every relationship with its ends and properties', () => {
    const nodes = generated.flatMap((c) => c.nodes);
    const relationships = generated.flatMap((c) => c.relationships);
    expect(files.nodes).toBe(nodes.length);
    expect(files.relationships).toBe(relationships.length);
    expect(files.claims).toEqual(generated.flatMap((c) => c.claims));
    expect(back.nodes.size).toBe(nodes.length);
    for (const node of nodes) expect(back.nodes.get(node.id), node.id).toEqual({ labels: node.labels, props: node.props });
    const key = (r: { type: string; from: string; to: string; props: Record<string, unknown> }) =>
      JSON.stringify([r.type, r.from, r.to, r.props.id ?? null]);
    expect(new Map(back.relationships.map((r) => [key(r), r]))).toEqual(
      new Map(relationships.map((r) => [key(r), { type: r.type, from: r.from, to: r.to, props: r.props }])),
    );
  });

  it('declares the types the importer must store: booleans, string arrays, strings by default', () => {
    const header = readFileSync(files.args[0]!.split(',')[0]!.split('=').at(-1)!, 'utf8');
    expect(header).toMatch(/^id:ID,/);
    expect(header).toContain('synthetic:boolean');
    expect(header).toContain('sourceDocuments:string[]');
    expect(header).toMatch(/(^|,)name(,|$)/m);
  });

  it('starts a new part of a file when a property first appears late (a header per part)', () => {
    const groups = files.args.map((arg) => arg.split('=')[1]);
    expect(new Set(groups).size).toBeLessThan(groups.length);
  });

  it('writes only its own files', () => {
    const names = readdirSync(dir);
    expect(names.length).toBe(files.args.length * 2);
    expect(names.every((name) => /^(nodes|relationships)-\d+-\d+(-header)?\.csv$/.test(name))).toBe(true);
  });

  it('quotes strings (quotes doubled) and refuses what a line of CSV cannot carry', () => {
    expect(csvField('他说"好",行', 'x')).toBe('"他说""好"",行"');
    expect(csvField(['a', 'b'], 'x')).toBe('"a\u001fb"');
    expect(csvField(true, 'x')).toBe('true');
    expect(csvField(null, 'x')).toBe('');
    expect(() => csvField('two\nlines', 'node n1.name')).toThrow(/node n1\.name: a line break/);
    expect(() => csvField(['a\u001fb'], 'node n1.tags')).toThrow(/U\+001F/);
  });

  it('refuses a property whose type differs between records of one file, and values it cannot type', () => {
    const columns = new CsvColumns();
    columns.add({ level: 1 }, 'node a', 'id');
    expect(() => columns.add({ level: 'one' }, 'node b', 'id')).toThrow(/node b\.level: string here, long elsewhere/);
    expect(() => columns.add({ mixed: ['a', 1] }, 'node c', 'id')).toThrow(/mixing/);
    expect(() => columns.add({ nested: { a: 1 } }, 'node d', 'id')).toThrow(/cannot be written/);
    expect(() => columns.add({ 'bad name': 'x' }, 'node e', 'id')).toThrow(/property name/);
  });
});
