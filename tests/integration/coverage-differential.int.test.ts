/**
 * pairingCoverage walks an area once (cypher/coverage/compute-coverage.cypher answers an area and its
 * byArea rows together, the children's places taken from the area's own walk): the same answers as the
 * query it replaced, which walked the area for its own figures and again, child by child, for byArea.
 * That query is kept frozen, expanded, in fixtures/compute-coverage.before.cypher, only as the yardstick
 * here. Compared on every area of the documented graph and of a synthetic district, for each pairing
 * kind and two dates; and the database hits (PROFILE) of both on a district, which must go down.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idPrefix, type SyntheticOptions } from '../../data/synthetic/generate.ts';
import { clearSynthetic, loadSynthetic } from '../../data/synthetic/load-synthetic.ts';
import { cypher } from '../../graph/cypher-queries.ts';
import { cypherParams, GraphStore } from '../../graph/graph-store.ts';
import { PAIRING_KINDS, type PairingKind } from '../../schema/model.ts';
import { buildTestApp, gql, type TestApp } from '../helpers/app.ts';
import { testDriver } from '../helpers/neo4j.ts';

const OPTIONS: SyntheticOptions = { seed: 16, scale: 'tiny' };
const PREFIX = idPrefix(OPTIONS);
const BEFORE = readFileSync(join(import.meta.dirname, 'fixtures/compute-coverage.before.cypher'), 'utf8');
const AFTER = cypher('coverage/compute-coverage');
const KINDS = Object.keys(PAIRING_KINDS) as PairingKind[];
const DATES = ['2023-01-01', '2024-06-30'];

const { driver, database } = testDriver();

beforeAll(async () => {
  await loadSynthetic(GraphStore.forLoads(driver, database), OPTIONS);
});
afterAll(async () => {
  await clearSynthetic(GraphStore.forLoads(driver, database));
  await driver.close();
});

type Row = Record<string, unknown> & { parentId: string; area: { id: string; name: string }; targets: number };

async function run(text: string, params: Record<string, unknown>): Promise<{ rows: Row[]; hits: number }> {
  const result = await driver.executeQuery(`PROFILE ${text}`, cypherParams(params), { database });
  type Plan = { dbHits?: number; children?: Plan[] };
  const sum = (p: Plan): number => (p.dbHits ?? 0) + (p.children ?? []).reduce((a, c) => a + sum(c), 0);
  return { rows: result.records.map((r) => r.toObject() as Row), hits: sum(result.summary.profile as Plan) };
}

/** Ties (same count, same name) have no order in either query, so both are compared ordered by id too. */
const ordered = (rows: Row[]) =>
  [...rows].sort((a, b) => b.targets - a.targets || a.area.name.localeCompare(b.area.name) || a.area.id.localeCompare(b.area.id));

/** Rows in one order whatever their ties: by parent, level, count, name and id. */
const inOrder = (rows: Row[]) =>
  [...rows].sort(
    (a, b) =>
      a.parentId.localeCompare(b.parentId) ||
      Number(a.level) - Number(b.level) ||
      b.targets - a.targets ||
      a.area.name.localeCompare(b.area.name) ||
      a.area.id.localeCompare(b.area.id),
  );

const IDENTITY = ['id', 'name', 'kind', 'synthetic'];
const pick = (p: Record<string, unknown>) => Object.fromEntries(IDENTITY.map((k) => [k, p[k] ?? null]));
const identityOf = (row: Row) => ({ ...row, area: pick(row.area), unpaired: (row.unpaired as Record<string, unknown>[]).map(pick) });

const answer = (row: Row) => {
  const { level: _level, includeSynthetic: _counted, ...rest } = row;
  return rest;
};

/** The old answer (two queries: the areas, then their children) and the new (one), per area id. */
async function compare(areaIds: string[], kind: PairingKind, asOf: string, includeSynthetic: boolean) {
  const params = { areaIds, targetLabel: PAIRING_KINDS[kind].to[0], kind, asOf, includeSynthetic, offset: 0, limit: 100 };
  const own = await run(BEFORE, { ...params, children: false });
  const children = await run(BEFORE, { ...params, children: true });
  const now = { ...params, area: null, includeSyntheticInSynthetic: includeSynthetic };
  const after = await run(AFTER, { ...now, withChildren: true, full: true });
  // Asked for the areas' own figures only, the same figures and no byArea rows.
  const alone = await run(AFTER, { ...now, withChildren: false, full: true });
  expect(alone.rows).toEqual(after.rows.filter((r) => r.level === 0));
  // Asked for their identity only ($full false): the same rows, the areas and unpaired targets cut to
  // id, name, kind and synthetic.
  const identity = await run(AFTER, { ...now, withChildren: true, full: false });
  expect(inOrder(identity.rows)).toEqual(inOrder(after.rows).map(identityOf));
  // An area named by id or name ($area), looked up in the same query: the same rows as by id.
  for (const id of areaIds.slice(0, 3)) {
    const named = await run(AFTER, { ...now, areaIds: null, area: id, withChildren: true, full: true });
    expect(inOrder(named.rows)).toEqual(inOrder(after.rows.filter((r) => r.parentId === id)));
  }
  const byParent = (rows: Row[]) => {
    const map = new Map<string, Row[]>();
    for (const row of rows) map.set(row.parentId, [...(map.get(row.parentId) ?? []), row]);
    return map;
  };
  const oldOwn = byParent(own.rows);
  const oldChildren = byParent(children.rows);
  const newOwn = byParent(after.rows.filter((r) => r.level === 0));
  const newChildren = byParent(after.rows.filter((r) => r.level === 1));
  for (const id of areaIds) {
    expect((newOwn.get(id) ?? []).map(answer), `${id} ${kind} ${asOf}`).toEqual(oldOwn.get(id) ?? []);
    expect(ordered(newChildren.get(id) ?? []).map(answer), `${id} byArea ${kind} ${asOf}`).toEqual(ordered(oldChildren.get(id) ?? []));
  }
  return { before: own.hits + children.hits, after: after.hits, own: own.rows, children: children.rows };
}

async function areas(synthetic: boolean): Promise<string[]> {
  const { records } = await driver.executeQuery(
    `MATCH (n:Entity) WHERE (n:Place OR n:Organization OR n:Alliance)
       AND (n.id STARTS WITH $prefix) = $synthetic AND NOT coalesce(n.kind, '') IN ['ResidentialBuilding', 'CommercialBuilding']
     RETURN n.id AS id ORDER BY id`,
    { prefix: PREFIX, synthetic },
    { database },
  );
  return records.map((r) => r.get('id') as string);
}

async function districtOf(synthetic: boolean): Promise<string> {
  const { records } = await driver.executeQuery(
    `MATCH (d:District) WHERE (d.id STARTS WITH $prefix) = $synthetic
     RETURN d.id AS id ORDER BY COUNT { (d)<-[:PART_OF]-() } DESC, id LIMIT 1`,
    { prefix: PREFIX, synthetic },
    { database },
  );
  return records[0]!.get('id') as string;
}

describe('pairingCoverage: one walk, the same answers', () => {
  for (const [graph, synthetic] of [
    ['the documented graph', false],
    ['a synthetic district', true],
  ] as const) {
    it(`every area of ${graph}, each kind, two dates`, async () => {
      const ids = await areas(synthetic);
      expect(ids.length).toBeGreaterThan(10);
      let rolledUp = 0;
      let targets = 0;
      let paired = 0;
      for (const kind of KINDS) {
        for (const asOf of DATES) {
          const { own, children } = await compare(ids, kind, asOf, synthetic);
          rolledUp += children.length;
          targets += own.reduce((n, r) => n + r.targets, 0);
          paired += own.reduce((n, r) => n + (r.paired as number), 0);
        }
      }
      // The comparison is about something: byArea rows and targets were there to differ, and paired ones
      // too where there are pairings (the documented graph has none: no report names a pair).
      expect(rolledUp).toBeGreaterThan(0);
      expect(targets).toBeGreaterThan(0);
      if (synthetic) expect(paired).toBeGreaterThan(0);
    });

    it(`a district of ${graph}: fewer database hits than the two queries it replaced`, async () => {
      const district = await districtOf(synthetic);
      const figures: string[] = [];
      for (const kind of KINDS) {
        const { before, after, children } = await compare([district], kind, '2024-06-30', synthetic);
        figures.push(`${kind}: ${before} -> ${after} (${(before / after).toFixed(2)}x, ${children.length} byArea rows)`);
        expect(after, kind).toBeLessThan(before);
      }
      console.log(`compute-coverage dbHits, ${graph} (${district}), before (2 queries) -> after (1):\n  ${figures.join('\n  ')}`);
    });
  }
});

/**
 * A question asking nothing of its areas and unpaired villages but id, name and kind has only those read
 * (services/coverage.ts identityOnly); one asking more gets every property, as the entity itself answers.
 */
describe('pairingCoverage through the API: what it asks of its areas and villages', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  type Node = Record<string, unknown> & { id: string };
  type Answer = {
    villages: number;
    area: Node;
    unpaired: { totalCount: number; nodes: Node[]; edges?: { sources: unknown; node: { id: string } }[] };
    byArea: { area: Node; villages: number; unpaired: { nodes: Node[] } }[];
  };
  const ask = async (fields: string, edges = '') => {
    const { data, errors } = await gql<{ pairingCoverage: Answer }>(
      app,
      `{ pairingCoverage(area: "lc-licheng-district", asOf: "2024-06-30") {
          villages area { ${fields} } unpaired { totalCount nodes { ${fields} } ${edges} }
          byArea { villages area { ${fields} } unpaired { nodes { id name kind } } } } }`,
    );
    expect(errors, JSON.stringify(errors)).toBeUndefined();
    return data!.pairingCoverage;
  };
  const cut = (n: Node) => ({ id: n.id, name: n.name, kind: n.kind });

  it('the same entities either way, and all of each when more is asked', async () => {
    const rich = await ask(
      'id name kind displayName sources { document quote } properties { key value }',
      'edges { sources { document quote } node { id } }',
    );
    const identity = await ask('id name kind');
    expect(rich.unpaired.totalCount).toBeGreaterThan(0);
    expect(rich.byArea.length).toBeGreaterThan(0);
    const { edges, ...richNodes } = rich.unpaired;
    expect({
      ...rich,
      area: cut(rich.area),
      unpaired: { ...richNodes, nodes: richNodes.nodes.map(cut) },
      byArea: rich.byArea.map((b) => ({ ...b, area: cut(b.area) })),
    }).toEqual(identity);
    // Each entity as the entity itself answers (the area, the byArea areas, some unpaired villages).
    const entities = [rich.area, ...rich.byArea.map((b) => b.area), ...rich.unpaired.nodes.slice(0, 5)];
    for (const entity of entities) {
      const { data } = await gql<{ entity: Node }>(
        app,
        `{ entity(id: "${entity.id}") { id name kind displayName sources { document quote } properties { key value } } }`,
      );
      expect(entity).toEqual(data!.entity);
    }
    // Documented entities carry their sources: there was something to lose.
    expect(entities.every((e) => (e.sources as unknown[]).length > 0)).toBe(true);
    expect(edges!.map((e) => e.sources)).toEqual(rich.unpaired.nodes.map((n) => n.sources));
  });

  it('looks its area up in its own query: by name as by id, in one round trip; NOT_FOUND with the closest names', async () => {
    const question = (area: string) => `{ pairingCoverage(area: "${area}", asOf: "2024-06-30") {
      villages paired area { id name } unpaired { totalCount nodes { id } } byArea { area { id } villages paired } } }`;
    const before = app.store.roundTrips;
    const byId = await gql(app, question('lc-licheng-district'));
    expect(app.store.roundTrips - before).toBe(1);
    expect(byId.errors).toBeUndefined();
    const byName = await gql(app, question('历城区'));
    expect(byName).toEqual(byId);
    const { errors } = await gql(app, question('历城'));
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'area' });
    expect(errors?.[0]?.extensions?.closest).toContain('历城区');
  });
});
