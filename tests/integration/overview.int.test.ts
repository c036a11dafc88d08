/**
 * The city overview's server fields (issues #19, #20): cityOverview places every entity of a synthetic
 * district in its 街道 (or the district) and counts each group; neighbourhoodSize counts what
 * neighbourhood returns at each depth. Checked against Cypher asked directly of the same graph.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idPrefix, type SyntheticOptions } from '../../data/synthetic/generate.ts';
import { clearSynthetic, loadSynthetic } from '../../data/synthetic/load-synthetic.ts';
import { GraphStore } from '../../graph/graph-store.ts';
import { buildTestApp, gql } from '../helpers/app.ts';
import { testDriver } from '../helpers/neo4j.ts';

const OPTIONS: SyntheticOptions = { seed: 31, scale: 'tiny' };
const PREFIX = idPrefix(OPTIONS);
const { driver, database } = testDriver();
let app: Awaited<ReturnType<typeof buildTestApp>>;
let district = '';

beforeAll(async () => {
  await clearSynthetic(GraphStore.forLoads(driver, database), PREFIX);
  await loadSynthetic(GraphStore.forLoads(driver, database), OPTIONS);
  app = await buildTestApp();
  const { records } = await driver.executeQuery(
    'MATCH (d:District) WHERE d.id STARTS WITH $p RETURN d.id AS id',
    { p: PREFIX },
    { database },
  );
  district = records[0]!.get('id') as string;
}, 180_000);
afterAll(async () => {
  await clearSynthetic(GraphStore.forLoads(driver, database), PREFIX);
  await app?.close();
  await driver.close();
});

interface Overview {
  cityOverview: {
    truncated: boolean;
    groups: { id: string; kind: string; parent: string | null; nodes: number; villages: number; edges: number }[];
    nodes: { data: { id: string; kind: string; parent: string | null } }[];
    edges: { data: { id: string; source: string; target: string } }[];
  };
}

const OVERVIEW = `query($area: String!) { cityOverview(area: $area) { truncated
  groups { id kind parent nodes villages edges }
  nodes { data { id kind parent } }
  edges { data { id source target } } } }`;

describe('cityOverview', () => {
  it('groups a district by its 街道: every village in the 街道 it is PART_OF, counts per group', async () => {
    const { data, errors } = await gql<Overview>(app, OVERVIEW, { area: district });
    expect(errors).toBeUndefined();
    const o = data!.cityOverview;
    expect(o.truncated).toBe(false);
    const { records } = await driver.executeQuery(
      `MATCH (d:District {id: $d})<-[:PART_OF]-(s:Subdistrict)
       OPTIONAL MATCH (s)<-[:PART_OF]-(v:Village)
       RETURN s.id AS id, count(v) AS villages ORDER BY id`,
      { d: district },
      { database },
    );
    const subdistricts = o.groups.filter((g) => g.kind === 'Subdistrict');
    expect(subdistricts.map((g) => ({ id: g.id, villages: g.villages })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      records.map((r) => ({ id: r.get('id'), villages: Number(r.get('villages')) })),
    );
    expect(subdistricts.every((g) => g.parent === district)).toBe(true);
    // Each village's node sits in its 街道's group.
    const parentOf = new Map(o.nodes.map((n) => [n.data.id, n.data.parent]));
    const { records: villages } = await driver.executeQuery(
      'MATCH (d:District {id: $d})<-[:PART_OF]-(s:Subdistrict)<-[:PART_OF]-(v:Village) RETURN v.id AS v, s.id AS s',
      { d: district },
      { database },
    );
    for (const r of villages) expect(parentOf.get(r.get('v'))).toBe(r.get('s'));
    // Group counts add up: the district holds every node but itself; a 街道 its members.
    const top = o.groups.find((g) => g.id === district)!;
    expect(top.nodes).toBe(o.nodes.length - 1);
    for (const g of subdistricts) expect(g.nodes).toBe(o.nodes.filter((n) => n.data.parent === g.id).length);
    // Edges only among returned nodes, each once.
    const ids = new Set(o.nodes.map((n) => n.data.id));
    expect(o.edges.every((e) => ids.has(e.data.source) && ids.has(e.data.target))).toBe(true);
    expect(new Set(o.edges.map((e) => e.data.id)).size).toBe(o.edges.length);
    expect(o.nodes.length).toBeGreaterThan(1000);
  });

  it('cuts at limit and says so; an unknown area is NOT_FOUND naming the argument', async () => {
    const cut = await gql<Overview>(app, `{ cityOverview(area: "${district}", limit: 50) { truncated nodes { data { id } } } }`);
    expect(cut.errors).toBeUndefined();
    expect(cut.data!.cityOverview.truncated).toBe(true);
    expect(cut.data!.cityOverview.nodes.length).toBe(50);
    const missing = await gql(app, '{ cityOverview(area: "没有这个区") { truncated } }');
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(missing.errors?.[0]?.message).toContain('area');
    const bad = await gql(app, `{ cityOverview(area: "${district}", limit: 0) { truncated } }`);
    expect(bad.errors?.[0]?.message).toContain('limit');
  });
});

describe('neighbourhoodSize', () => {
  it('counts what neighbourhood returns at depths 1, 2 and 3', async () => {
    const { data, errors } = await gql<{ neighbourhoodSize: { depth1: number; depth2: number; depth3: number } }>(
      app,
      `{ neighbourhoodSize(id: "${district}", limit: 5000) { depth1 depth2 depth3 } }`,
    );
    expect(errors).toBeUndefined();
    for (const depth of [1, 2, 3] as const) {
      const drawn = await gql<{ neighbourhood: { nodes: unknown[]; truncated: boolean } }>(
        app,
        `{ neighbourhood(id: "${district}", depth: ${depth}, limit: 5000) { truncated nodes { data { id } } } }`,
      );
      expect(drawn.errors).toBeUndefined();
      expect(drawn.data!.neighbourhood.truncated).toBe(false);
      expect(data!.neighbourhoodSize[`depth${depth}`]).toBe(drawn.data!.neighbourhood.nodes.length);
    }
    expect(data!.neighbourhoodSize.depth3).toBeGreaterThan(data!.neighbourhoodSize.depth1);
  });
});
