/**
 * Export and its round trips: a subtree exported to graph.json, deleted, and imported again is the
 * same graph (same counts, same content hash); importing it once more changes nothing. GraphML of the
 * subtree is well-formed XML (parsed by saxes, a strict XML parser) with every data key declared.
 * A backup restored with --force over the database gives back the same content hash.
 */

import { once } from 'node:events';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { collectGraph, hashGraph, writeGraphJson } from '../../data/exchange/export-graph.ts';
import { readGraphDocument } from '../../data/exchange/graph-document.ts';
import { toGraphml } from '../../data/exchange/graphml.ts';
import { importGraphJson, readGraphFile } from '../../data/exchange/import-graph.ts';
import { GraphStore } from '../../graph/graph-store.ts';
import { withFixture } from '../helpers/fixture.ts';

const P = 'xe';
const id = (name: string) => `${P}-${name}`;
const fixture = withFixture(P, { tempDir: 'exchange-export' });
const { driver, database } = fixture;

async function exportTo(path: string, root: string | null) {
  const out = createWriteStream(path);
  const summary = await writeGraphJson(GraphStore.forLoads(driver, database), { root }, out);
  if (!out.writableFinished) await once(out, 'finish');
  return summary;
}

/** Parses XML strictly; returns the elements seen, by name, with their attributes. */
function parseXml(text: string) {
  const parser = new SaxesParser({ xmlns: true });
  const elements: { name: string; attributes: Record<string, string> }[] = [];
  parser.on('opentag', (tag) => {
    elements.push({ name: tag.local, attributes: Object.fromEntries(Object.entries(tag.attributes).map(([k, a]) => [k, a.value])) });
  });
  parser.write(text).close();
  return elements;
}

describe('export', () => {
  it('a subtree holds the area, what governs and leads it, and what hangs on it, but not what lies above', async () => {
    const graph = await collectGraph(GraphStore.forLoads(driver, database), { root: id('district') });
    const ids = graph.nodes.map((n) => n.id);
    for (const name of [
      'district',
      'sub1',
      'v1',
      'v8',
      'c1',
      'bldg',
      'dc',
      'sw1',
      'jc',
      'b1',
      'bc',
      'e1',
      'e2',
      'role',
      'chain',
      'subchain',
    ]) {
      expect(ids, name).toContain(id(name));
    }
    expect(ids).not.toContain(id('city'));
    // The link up to the city comes along (so an import restores it), and the claims of its members.
    expect(graph.relationships.map((r) => r.id)).toContain(`${id('district')}|PART_OF|${id('city')}`);
    expect(graph.claims.map((c) => c.id).sort()).toEqual([`claim-${P}-branches`, `claim-${P}-villages`]);
  });

  it('graph.json round trip: export a subtree, delete it, import it: same counts and content hash; again: no change', async () => {
    const path = join(fixture.dir, 'subtree.json');
    const exported = await exportTo(path, id('district'));
    const before = await hashGraph(GraphStore.forLoads(driver, database), id('district'));
    expect(exported.hash).toBe(before.hash);
    expect(exported.counts).toMatchObject({ nodes: 26, claims: 2 });

    // The file is valid JSON as a whole, and reads back record by record.
    const whole = JSON.parse(readFileSync(path, 'utf8'));
    expect(whole).toMatchObject({ format: 'jinan-party-graph', version: 1, root: id('district') });
    let records = 0;
    for await (const item of readGraphDocument(createReadStream(path))) if ('section' in item) records += 1;
    expect(records).toBe(whole.nodes.length + whole.relationships.length + whole.claims.length);

    await driver.executeQuery(
      'UNWIND $ids AS id MATCH (n:Entity {id: id}) DETACH DELETE n WITH count(*) AS gone MATCH (c:Claim) WHERE c.id STARTS WITH $claims DETACH DELETE c',
      { ids: whole.nodes.map((n: { id: string }) => n.id), claims: `claim-${P}-` },
      { database },
    );
    await expect(hashGraph(GraphStore.forLoads(driver, database), id('district'))).rejects.toThrow(/no entity has id/);

    const options = { dryRun: false, actor: '还原测试', scope: null };
    const report = await importGraphJson(
      GraphStore.forLoads(driver, database),
      await readGraphFile('subtree.json', createReadStream(path)),
      options,
    );
    expect(report.errors).toEqual([]);
    expect(report.counts.nodes).toMatchObject({ rows: 26, created: 26 });
    const after = await hashGraph(GraphStore.forLoads(driver, database), id('district'));
    expect(after).toEqual(before);

    const again = await importGraphJson(
      GraphStore.forLoads(driver, database),
      await readGraphFile('subtree.json', createReadStream(path)),
      options,
    );
    expect(again).toMatchObject({ errors: [], written: false, changes: 0 });
    expect(await hashGraph(GraphStore.forLoads(driver, database), id('district'))).toEqual(before);
  });

  it('a graph.json with unknown labels, types and references is refused with the line named, and writes nothing', async () => {
    const before = await hashGraph(GraphStore.forLoads(driver, database), id('district'));
    const path = join(fixture.dir, 'bad.json');
    const out = createWriteStream(path);
    out.end(
      [
        '{"format":"jinan-party-graph","version":1,"exportedAt":"2025-01-01T00:00:00Z","root":null,',
        '"nodes":[',
        `{"id":"${id('x1')}","labels":["Entity","Place","Village","Admin"],"props":{"id":"${id('x1')}","kind":"Village","name":"x"}},`,
        `{"id":"${id('x2')}","labels":["Entity","Place","Village"],"props":{"id":"${id('x2')}","kind":"Village","name":"y"}}`,
        '],',
        '"relationships":[',
        `{"id":"r1","type":"DROP_ALL","from":"${id('x2')}","to":"${id('sub1')}","props":{"id":"r1"}},`,
        `{"id":"r2","type":"PART_OF","from":"${id('x2')}","to":"${id('nowhere')}","props":{"id":"r2"}}`,
        ']}',
      ].join('\n'),
    );
    await once(out, 'finish');
    const report = await importGraphJson(GraphStore.forLoads(driver, database), await readGraphFile('bad.json', createReadStream(path)), {
      dryRun: false,
      actor: 't',
      scope: null,
    });
    expect(report.errors).toEqual([
      expect.objectContaining({ row: 3, column: 'labels', code: 'WRONG_KIND' }),
      expect.objectContaining({ row: 7, column: 'type', code: 'UNKNOWN_KIND' }),
      expect.objectContaining({ row: 8, column: 'to', code: 'UNKNOWN_REFERENCE' }),
    ]);
    expect(report.written).toBe(false);
    expect(await hashGraph(GraphStore.forLoads(driver, database), id('district'))).toEqual(before);
  });

  it('a graph.json relationship whose ends the model does not allow (ON_CHAIN from a village, to one) is refused, and nothing is written', async () => {
    // Reads rely on the model's ends (server/related-fields.ts farCategory: a chain's enterprises are
    // read as units), so no door may write an end of another category.
    const before = await hashGraph(GraphStore.forLoads(driver, database), id('district'));
    const path = join(fixture.dir, 'bad-ends.json');
    const out = createWriteStream(path);
    const node = (name: string, labels: string, kind: string) =>
      `{"id":"${id(name)}","labels":["Entity",${labels}],"props":{"id":"${id(name)}","kind":"${kind}","name":"${name}"}}`;
    const link = (n: number, from: string, to: string) =>
      `{"id":"${id(`oc${n}`)}","type":"ON_CHAIN","from":"${id(from)}","to":"${id(to)}","props":{"id":"${id(`oc${n}`)}"}}`;
    out.end(
      [
        '{"format":"jinan-party-graph","version":1,"exportedAt":"2025-01-01T00:00:00Z","root":null,',
        '"nodes":[',
        `${node('v9', '"Place","Village"', 'Village')},`,
        `${node('e9', '"Unit","Enterprise"', 'Enterprise')},`,
        node('c9', '"IndustryChain"', 'IndustryChain'),
        '],',
        '"relationships":[',
        `${link(1, 'v9', 'c9')},`,
        `${link(2, 'e9', 'v9')},`,
        link(3, 'e9', 'c9'),
        ']}',
      ].join('\n'),
    );
    await once(out, 'finish');
    const report = await importGraphJson(
      GraphStore.forLoads(driver, database),
      await readGraphFile('bad-ends.json', createReadStream(path)),
      {
        dryRun: false,
        actor: 't',
        scope: null,
      },
    );
    expect(report.errors).toEqual([
      expect.objectContaining({ row: 8, column: 'from', code: 'WRONG_KIND', message: expect.stringMatching(/ON_CHAIN.*Unit/) }),
      expect.objectContaining({ row: 9, column: 'to', code: 'WRONG_KIND', message: expect.stringMatching(/ON_CHAIN.*IndustryChain/) }),
    ]);
    expect(report.written).toBe(false);
    expect(await hashGraph(GraphStore.forLoads(driver, database), id('district'))).toEqual(before);
  });

  it('GraphML is well-formed XML with every data key declared, nodes and edges joining declared nodes', async () => {
    const graph = await collectGraph(GraphStore.forLoads(driver, database), { root: id('district') });
    const elements = parseXml(toGraphml(graph, 'test'));
    const keys = new Set(elements.filter((e) => e.name === 'key').map((e) => e.attributes.id));
    const nodes = new Set(elements.filter((e) => e.name === 'node').map((e) => e.attributes.id));
    const edges = elements.filter((e) => e.name === 'edge');
    expect(elements[0]?.name).toBe('graphml');
    expect(nodes.size).toBe(graph.nodes.length + graph.claims.length);
    for (const data of elements.filter((e) => e.name === 'data')) expect(keys).toContain(data.attributes.key);
    for (const edge of edges) {
      expect(nodes).toContain(edge.attributes.source);
      expect(nodes).toContain(edge.attributes.target);
    }
    // Every relationship inside the subtree, plus a STATES edge per claim; the link up to the city is left out.
    const inside = graph.relationships.filter((r) => nodes.has(r.from) && nodes.has(r.to));
    expect(edges.length).toBe(inside.length + graph.claims.length);
    expect(inside.length).toBe(graph.relationships.length - 1);
  });
});
