/**
 * One meaning of "the 街道 an entity lies in": the city overview's grouping (cityOverview, and the
 * display names that read the same query) and the network lens's and the exports' located-in
 * (subdistrictsOf, export/locate-entities) give the same answer, the NEAREST 街道 up the lines of place
 * and command, also for an entity that reaches two 街道 at different depths.
 *
 * The fixture graph (tests/helpers/fixture.ts) plus two 联合党委 that each reach both 街道:
 *   x1 COVERS v6 (乙街道's village: 乙街道 at depth 2), then REPORTS_TO the joint committee jc
 *      (→ 甲街道党工委 GOVERNS 甲街道: depth 3)                         nearest: 乙街道 (sub2)
 *   x2 REPORTS_TO the building committee bc (→ 乙街道党工委 GOVERNS 乙街道: depth 3), then COVERS v1
 *      (甲街道's village: 甲街道 at depth 2)                              nearest: 甲街道 (sub1)
 * and, for the district, a second district d2 and two 党委 that each reach both districts:
 *   x3 REPORTS_TO the district committee dc (→ GOVERNS the district: depth 2), then GOVERNS d2 (depth 1)
 *   x4 GOVERNS d2 (depth 1), then REPORTS_TO dc (the district at depth 2)     nearest, for both: d2
 * Each pair is written in opposite orders, so an answer that follows whichever relationship the store
 * happens to list first (a depth-first walk that stops at the first 街道) is wrong for one of them.
 */
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGraph } from '../../data/load-graph.ts';
import { GraphStore } from '../../graph/graph-store.ts';
import { type Kind, labelsOf } from '../../schema/model.ts';
import { buildTestApp, gql, type TestApp } from '../helpers/app.ts';
import { fixtureGraph, removeFixture } from '../helpers/fixture.ts';
import { testDriver } from '../helpers/neo4j.ts';

const P = 'tln';
const { driver, database }: { driver: Driver; database: string } = testDriver();
const graph = fixtureGraph(P);
const { id } = graph;
let app: TestApp;

const SOURCE = { sourceDocuments: ['test-fixture'], sourceQuotes: ['written by tests/integration/lies-in-nearest.int.test.ts'] };
const node = (x: string, kind: Kind, name: string) =>
  graph.nodes.push({ id: id(x), labels: labelsOf(kind), props: { id: id(x), kind, name, synthetic: false, ...SOURCE } });
node('x1', 'JointCommittee', `${P}x1联合党委`);
node('x2', 'JointCommittee', `${P}x2联合党委`);
node('d2', 'District', `${P}丁区`);
node('x3', 'PartyCommittee', `${P}x3党委`);
node('x4', 'PartyCommittee', `${P}x4党委`);
const rel = (from: string, type: string, to: string) =>
  graph.relationships.push({
    id: `${id(from)}|${type}|${id(to)}`,
    type,
    from: id(from),
    to: id(to),
    props: { id: `${id(from)}|${type}|${id(to)}`, synthetic: false, ...SOURCE },
  });
rel('x1', 'COVERS', 'v6');
rel('x1', 'REPORTS_TO', 'jc');
rel('x2', 'REPORTS_TO', 'bc');
rel('x2', 'COVERS', 'v1');
rel('d2', 'PART_OF', 'city');
rel('x3', 'REPORTS_TO', 'dc');
rel('x3', 'GOVERNS', 'd2');
rel('x4', 'GOVERNS', 'd2');
rel('x4', 'REPORTS_TO', 'dc');

beforeAll(async () => {
  await removeFixture(driver, database, P);
  await loadGraph(GraphStore.forLoads(driver, database), graph, { singleTransaction: true });
  app = await buildTestApp();
});
afterAll(async () => {
  await app?.close();
  await removeFixture(driver, database, P);
  await driver.close();
});

interface OverviewNode {
  data: { id: string; kind: string; parent: string | null };
}

async function overviewParents(): Promise<Map<string, OverviewNode['data']>> {
  const { data, errors } = await gql<{ cityOverview: { nodes: OverviewNode[] } }>(
    app,
    'query($area: String!) { cityOverview(area: $area) { nodes { data { id kind parent } } } }',
    { area: id('district') },
  );
  expect(errors).toBeUndefined();
  return new Map(data!.cityOverview.nodes.map((n) => [n.data.id, n.data]));
}

async function subdistrictsOf(ids: string[]): Promise<Map<string, string>> {
  const { data, errors } = await gql<{ subdistrictsOf: { id: string; subdistrictId: string }[] }>(
    app,
    'query($ids: [ID!]!) { subdistrictsOf(ids: $ids) { id subdistrictId } }',
    { ids },
  );
  expect(errors).toBeUndefined();
  return new Map(data!.subdistrictsOf.map((r) => [r.id, r.subdistrictId]));
}

describe('the 街道 an entity lies in', () => {
  it('is the nearest one, in the overview, the network lens and the exports alike', async () => {
    const overview = await overviewParents();
    const lens = await subdistrictsOf([id('x1'), id('x2')]);
    const located = await app.store.read<{ id: string; subdistrict: string | null }>('export/locate-entities', {
      ids: [id('x1'), id('x2')],
    });
    const exported = new Map(located.map((r) => [r.id, r.subdistrict]));
    // One row per entity: SHORTEST 1 is one path per (start, end) pair, so a walk that reaches two 街道
    // once gave a row for each, not the nearest.
    expect(located.map((r) => r.id).sort()).toEqual([id('x1'), id('x2')]);
    expect([...lens.keys()].sort()).toEqual([id('x1'), id('x2')]);
    expect({
      overview: overview.get(id('x1'))?.parent,
      lens: lens.get(id('x1')),
      export: exported.get(id('x1')),
    }).toEqual({ overview: id('sub2'), lens: id('sub2'), export: `${P}乙街道` });
    expect({
      overview: overview.get(id('x2'))?.parent,
      lens: lens.get(id('x2')),
      export: exported.get(id('x2')),
    }).toEqual({ overview: id('sub1'), lens: id('sub1'), export: `${P}甲街道` });
  });

  it('is the same 街道 in the overview and the network lens for every entity of the area', async () => {
    const overview = await overviewParents();
    const lens = await subdistrictsOf([...overview.keys()]);
    // A 街道 and a district are drawn as their group's box, not inside a 街道 (the overview does not
    // count an entity as lying in itself); every other entity sits in the 街道 the lens names, or,
    // lying in none, outside every 街道's box.
    const subdistricts = new Set([id('sub1'), id('sub2')]);
    const inside = [...overview.values()]
      .filter((n) => n.kind !== 'Subdistrict' && n.kind !== 'District')
      .map((n) => [n.id, n.parent && subdistricts.has(n.parent) ? n.parent : null]);
    expect(inside.length).toBeGreaterThan(15);
    expect(inside).toEqual(inside.map(([n]) => [n, lens.get(n!) ?? null]));
  });

  it('is the nearest one for the display names too (overview/group-nodes)', async () => {
    const rows = await app.store.read<{ id: string; subdistrict: string | null }>('overview/group-nodes', {
      ids: [id('x1'), id('x2'), id('sub1'), id('district')],
      includeSynthetic: false,
      limit: 10,
    });
    const by = new Map(rows.map((r) => [r.id, r]));
    expect(by.get(id('x1'))?.subdistrict).toBe(id('sub2'));
    expect(by.get(id('x2'))?.subdistrict).toBe(id('sub1'));
    // A 街道 is not qualified by itself (“甲街道（甲街道）”): it lies in no 街道 but its district.
    expect(by.get(id('sub1'))).toMatchObject({ subdistrict: null, district: id('district') });
    expect(by.get(id('district'))).toMatchObject({ subdistrict: null, district: null });
  });

  it('and the district too: the nearest, for the display names and the reports alike', async () => {
    const ids = [id('x3'), id('x4')];
    const grouped = await app.store.read<{ id: string; district: string | null }>('overview/group-nodes', {
      ids,
      includeSynthetic: false,
      limit: 10,
    });
    const located = await app.store.read<{ id: string; district: string | null }>('export/locate-entities', { ids });
    expect(Object.fromEntries(grouped.map((r) => [r.id, r.district]))).toEqual({ [id('x3')]: id('d2'), [id('x4')]: id('d2') });
    expect(Object.fromEntries(located.map((r) => [r.id, r.district]))).toEqual({ [id('x3')]: `${P}丁区`, [id('x4')]: `${P}丁区` });
    expect(located).toHaveLength(2);
  });
});
