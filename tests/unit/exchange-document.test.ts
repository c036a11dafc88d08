/**
 * graph.json and GraphML without a database: the document written record by record is valid JSON and
 * reads back line by line (or whole, when laid out otherwise); the content hash ignores order and key
 * order but not content; GraphML is well-formed XML with typed, declared keys.
 */
import { PassThrough, Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { ContentHash, GraphJsonWriter, type NodeRecord, readGraphDocument } from '../../data/exchange/graph-document.ts';
import { toGraphml } from '../../data/exchange/graphml.ts';

const n1: NodeRecord = {
  id: 'n1',
  labels: ['Entity', 'Place', 'Village'],
  props: { id: 'n1', kind: 'Village', name: '甲村', synthetic: false },
};
const n2: NodeRecord = {
  id: 'n2',
  labels: ['Entity', 'Place', 'Subdistrict'],
  props: { id: 'n2', kind: 'Subdistrict', name: '乙街道<&>' },
};
const r1 = { id: 'n1|PART_OF|n2', type: 'PART_OF', from: 'n1', to: 'n2', props: { id: 'n1|PART_OF|n2', sourceDocuments: ['a.txt'] } };
const c1 = { id: 'claim-1', subject: 'n2', props: { id: 'claim-1', value: 115, unit: 'count', share: 0.93 } };

const trailer = { contentHash: 'ab'.repeat(32), counts: { nodes: 2, relationships: 1, claims: 1, changes: 0 } };

async function written(): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c) => chunks.push(c as Buffer));
  const writer = new GraphJsonWriter(out);
  await writer.begin({ format: 'jinan-party-graph', version: 1, exportedAt: '2025-01-01T00:00:00Z', root: null });
  await writer.startSection('nodes');
  await writer.record(n1);
  await writer.record(n2);
  await writer.startSection('relationships');
  await writer.record(r1);
  await writer.startSection('claims');
  await writer.record(c1);
  await writer.startSection('changes');
  await writer.end(trailer);
  return Buffer.concat(chunks).toString('utf8');
}

async function readAll(text: string) {
  const items = [];
  for await (const item of readGraphDocument(Readable.from([Buffer.from(text)]))) items.push(item);
  return items;
}

describe('graph.json', () => {
  it('is valid JSON, one record per line', async () => {
    const text = await written();
    expect(JSON.parse(text)).toEqual({
      format: 'jinan-party-graph',
      version: 1,
      exportedAt: '2025-01-01T00:00:00Z',
      root: null,
      nodes: [n1, n2],
      relationships: [r1],
      claims: [c1],
      changes: [],
      ...trailer,
    });
    expect(text.split('\n')[2]).toBe(`${JSON.stringify(n1)},`);
  });

  it('reads back line by line with each record’s line, and whole when pretty-printed', async () => {
    const text = await written();
    const lines = await readAll(text);
    expect(lines[0]).toMatchObject({ format: 'jinan-party-graph', root: null });
    expect(lines.slice(1)).toEqual([
      { section: 'nodes', record: n1, line: 3 },
      { section: 'nodes', record: n2, line: 4 },
      { section: 'relationships', record: r1, line: 7 },
      { section: 'claims', record: c1, line: 10 },
      trailer,
    ]);
    const pretty = await readAll(JSON.stringify(JSON.parse(text), null, 2));
    expect(pretty.slice(1).map((i) => ('record' in i ? i.record : i))).toEqual([n1, n2, r1, c1, trailer]);
  });

  it('refuses a file cut short, anywhere, and text after its end', async () => {
    const text = await written();
    const lines = text.split('\n');
    for (let keep = 1; keep < lines.length - 2; keep += 1) {
      await expect(readAll(lines.slice(0, keep).join('\n')), `first ${keep} lines`).rejects.toThrow(/truncated|not a JSON/);
    }
    await expect(readAll(`${text}{"id":"extra"}\n`)).rejects.toThrow(/after the end/);
    await expect(readAll('')).rejects.toThrow(/empty/);
  });

  it('reads a file written before the trailer existed (it ends with "]}")', async () => {
    const text = await written();
    const old = text.replace(/\],\n"contentHash".*\n$/, ']}\n');
    expect(JSON.parse(old).contentHash).toBeUndefined();
    expect((await readAll(old)).length).toBe(5);
  });

  it('refuses a document of another format', async () => {
    await expect(readAll('{"format":"other","version":1}')).rejects.toThrow(/not a jinan-party-graph/);
  });
});

describe('content hash', () => {
  const hashOf = (records: [Parameters<ContentHash['add']>[0], Parameters<ContentHash['add']>[1]][]) => {
    const hash = new ContentHash();
    for (const [section, record] of records) hash.add(section, record);
    return hash.hex;
  };

  it('ignores the order of records, of labels and of keys, and the change log', () => {
    const a = hashOf([
      ['nodes', n1],
      ['nodes', n2],
      ['relationships', r1],
      ['claims', c1],
    ]);
    const reordered = { ...n1, labels: [...n1.labels].reverse(), props: Object.fromEntries(Object.entries(n1.props).reverse()) };
    const b = hashOf([
      ['claims', c1],
      ['changes', { id: 'chg-1' }],
      ['relationships', r1],
      ['nodes', n2],
      ['nodes', reordered],
    ]);
    expect(b).toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with any property, label or end', () => {
    const base = hashOf([['nodes', n1]]);
    expect(hashOf([['nodes', { ...n1, props: { ...n1.props, name: '丙村' } }]])).not.toBe(base);
    expect(hashOf([['nodes', { ...n1, labels: [...n1.labels, 'Synthetic'] }]])).not.toBe(base);
    expect(hashOf([['relationships', { ...r1, to: 'n3' }]])).not.toBe(hashOf([['relationships', r1]]));
  });
});

describe('GraphML', () => {
  it('is well-formed XML whose data keys are all declared with a type', () => {
    const xml = toGraphml({ nodes: [n1, n2], relationships: [r1, { ...r1, id: 'out', to: 'elsewhere' }], claims: [c1] }, 'test & more');
    const keys = new Map<string, string>();
    const data: string[] = [];
    let edges = 0;
    const parser = new SaxesParser({ xmlns: true });
    parser.on('opentag', (tag) => {
      const attr = (name: string) => tag.attributes[name]?.value ?? '';
      if (tag.local === 'key') keys.set(attr('id'), `${attr('for')}:${attr('attr.name')}:${attr('attr.type')}`);
      if (tag.local === 'data') data.push(attr('key'));
      if (tag.local === 'edge') edges += 1;
    });
    parser.write(xml).close();
    for (const key of data) expect(keys.has(key), key).toBe(true);
    expect([...keys.values()]).toEqual(
      expect.arrayContaining(['node:name:string', 'node:synthetic:boolean', 'node:value:long', 'node:share:double', 'edge:type:string']),
    );
    // The link to a node outside the export is left out; the claim's STATES edge is in.
    expect(edges).toBe(2);
    expect(xml).toContain('乙街道&lt;&amp;&gt;');
  });
});
