/**
 * Before and after the graph-core work (#15: graph/ as the one door, fragments, services, generated
 * contracts): every example and every document the viewer sends, asked of the app as it was at
 * BASELINE and of the app as it is now, on the same database (the documented data and the synthetic
 * city), answer deep-equal (data and errors). The baseline is checked out into a temporary git
 * worktree and built by its own test helper, so both apps run side by side in this process.
 * The documents are the baseline's (the current ones may ask fields the baseline lacks).
 *
 * What the work meant to change is taken out of the new answer, and only that: elements of the kinds and
 * relationship types the model gained since the baseline (issue #17's new facts: the baseline's queries
 * never drew them), the audit rules added since (a new rule's row in findings' byRule, and its findings),
 * and the display names that tell namesakes apart (#17, E-11) read back as the names.
 * Cytoscape element lists are compared as sets (see elementsAsSets). Everything else must be equal.
 *
 * The baseline runs on this checkout's node_modules, so a package it imports that the product has since
 * dropped stays a dev dependency: @fastify/helmet (the product asks helmet itself since a42c9f6).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idPrefix, type SyntheticOptions } from '../../data/synthetic/generate.ts';
import { clearSynthetic, loadSynthetic } from '../../data/synthetic/load-synthetic.ts';
import { GraphStore } from '../../graph/graph-store.ts';
import { buildTestApp, gql, type TestApp } from '../helpers/app.ts';
import { testDriver } from '../helpers/neo4j.ts';

/** The last commit before this session's graph-core work; DIFF_BASELINE picks another. */
const BASELINE = process.env.DIFF_BASELINE ?? 'dc52a9b';
const ROOT = resolve(import.meta.dirname, '../..');
const CITY: SyntheticOptions = { seed: 42, scale: 'city' };
const LIMITS = {
  GRAPHQL_MAX_COST: '1000000000',
  GRAPHQL_DB_BUDGET_MS: '300000',
  QUERY_TIMEOUT_MS: '300000',
  GRAPHQL_MAX_OBJECTS: '10000000',
};
const { driver, database } = testDriver();

type Gql = typeof gql;
interface Side {
  app: TestApp;
  gql: Gql;
}
let baselineDir: string;
let before: Side;
let after: Side;
/** Kind and relationship-type names the baseline's model did not have. */
let added: Set<string>;
/** displayName → name, for every entity that has one. */
let names: Map<string, string>;
/** Ids of entities of the added kinds (an edge to one of them goes too). */
let addedIds: Set<string>;
/** Audit rules (cypher/findings/<rule>.cypher) the baseline did not have. */
let addedRules: Set<string>;

beforeAll(async () => {
  baselineDir = mkdtempSync(join(tmpdir(), 'partygraph-baseline-'));
  rmSync(baselineDir, { recursive: true });
  execFileSync('git', ['worktree', 'add', '--detach', baselineDir, BASELINE], { cwd: ROOT, stdio: 'pipe' });
  symlinkSync(join(ROOT, 'node_modules'), join(baselineDir, 'node_modules'));
  await loadSynthetic(GraphStore.forLoads(driver, database), CITY);
  after = { app: await buildTestApp(LIMITS), gql };
  const model = await import('../../schema/model.ts');
  const oldModel = (await import(join(baselineDir, 'schema/model.ts'))) as typeof model;
  added = new Set(
    [...model.KIND_NAMES, ...model.RELATIONSHIP_TYPE_NAMES].filter(
      (n) => !(oldModel.KIND_NAMES as string[]).includes(n) && !(oldModel.RELATIONSHIP_TYPE_NAMES as string[]).includes(n),
    ),
  );
  const rules = (dir: string) => readdirSync(join(dir, 'cypher', 'findings')).map((f) => f.replace(/\.cypher$/, ''));
  const oldRules = new Set(rules(baselineDir));
  addedRules = new Set(rules(ROOT).filter((r) => !oldRules.has(r)));
  const rows = async (query: string, params = {}) => (await driver.executeQuery(query, params, { database })).records;
  names = new Map(
    (await rows('MATCH (n:Entity) WHERE n.displayName IS NOT NULL RETURN n.displayName, n.name')).map((r) => [r.get(0), r.get(1)]),
  );
  addedIds = new Set(
    (await rows('MATCH (n:Entity) WHERE n.kind IN $kinds RETURN n.id', { kinds: [...added] })).map((r) => String(r.get(0))),
  );
  const old = (await import(join(baselineDir, 'tests/helpers/app.ts'))) as typeof import('../helpers/app.ts');
  before = { app: (await old.buildTestApp(LIMITS)) as unknown as TestApp, gql: old.gql as Gql };
}, 900_000);

afterAll(async () => {
  await before?.app.close();
  await after?.app.close();
  await clearSynthetic(GraphStore.forLoads(driver, database), idPrefix(CITY));
  await driver.close();
  if (baselineDir) execFileSync('git', ['worktree', 'remove', '--force', baselineDir], { cwd: ROOT, stdio: 'pipe' });
});

/** An element the model added since the baseline: its kind or type, or an end, is new. */
function isAdded(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const o = value as Record<string, unknown>;
  const inner = (o.data ?? o.node ?? o) as Record<string, unknown>;
  if (typeof inner !== 'object' || inner === null) return false;
  const rule = (o.rule as { id?: unknown } | null | undefined)?.id;
  if (typeof rule === 'string' && addedRules.has(rule)) return true;
  return (
    [inner.kind, inner.name, inner.label, inner.type, inner.relationship].some((v) => typeof v === 'string' && added.has(v)) ||
    [inner.id, inner.source, inner.target].some((v) => typeof v === 'string' && addedIds.has(v))
  );
}

/** The new answer without what the work meant to add (above). */
function withoutAdditions(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => !isAdded(v)).map(withoutAdditions);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutAdditions(v)]));
  }
  return typeof value === 'string' ? (names.get(value) ?? value) : value;
}

/** A list of Cytoscape elements ({ data: { id … } }), which the viewer lays out in no order of its own. */
const isElementList = (value: unknown[]): boolean =>
  value.length > 0 && value.every((v) => typeof (v as { data?: { id?: unknown } } | null)?.data?.id === 'string');

/**
 * Cytoscape element lists compared as sets (sorted by id): the order a query walks an area in is not
 * part of the answer (pairingCoverage's one walk, d43831d, visits an area's parts in another order than
 * the baseline's walk did). Every other list keeps its order: a page, a ranking, a history are ordered.
 */
function elementsAsSets(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(elementsAsSets);
    if (!isElementList(items)) return items;
    const id = (v: unknown) => (v as { data: { id: string } }).data.id;
    return items.sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
  }
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, elementsAsSets(v)]));
  return value;
}

async function same(query: string, variables: Record<string, unknown> = {}) {
  const old = await before.gql(before.app, query, variables);
  const now = await after.gql(after.app, query, variables);
  expect(elementsAsSets(withoutAdditions(now))).toEqual(elementsAsSets(old));
  return now;
}

describe(`answers before (${BASELINE}) and after, on the documented data and the synthetic city`, () => {
  it('takes out only what the model added (the normaliser itself)', () => {
    expect(added.has('FirstSecretary') && added.has('SERVES_IN')).toBe(true);
    expect(added.has('Village') || added.has('REPORTS_TO')).toBe(false);
    expect(addedRules.has('to-check') && !addedRules.has('inferred-record')).toBe(true);
    expect(
      withoutAdditions([
        { count: 0, rule: { id: 'to-check' } },
        { count: 2, rule: { id: 'duplicate-name' } },
      ]),
    ).toEqual([{ count: 2, rule: { id: 'duplicate-name' } }]);
    const drawn = [{ data: { id: 'a', kind: 'Village', label: [...names.keys()][0] } }, { data: { id: 'b', kind: 'FirstSecretary' } }];
    expect(withoutAdditions(drawn)).toEqual([{ data: { id: 'a', kind: 'Village', label: [...names.values()][0] } }]);
  });

  it("every example in the baseline's examples/", async () => {
    const dir = () => join(baselineDir, 'examples');
    const files = readdirSync(dir()).filter((f) => f.endsWith('.graphql'));
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const file of files) {
      const answer = await same(readFileSync(join(dir(), file), 'utf8'));
      expect(answer.errors, file).toBeUndefined();
    }
  });

  it('every document the baseline viewer sends, with its own variables, in the documented and the synthetic areas', async () => {
    const sent: { query: string; variables: Record<string, unknown> }[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (_url: unknown, init: { body: string }) => {
      const body = JSON.parse(init.body) as { query: string; variables: Record<string, unknown> };
      sent.push(body);
      const answer = await before.gql(before.app, body.query, body.variables);
      return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    const ids = async (query: string) => (await driver.executeQuery(query, {}, { database })).records.map((r) => String(r.get(0)));
    const [org, other] = await ids("MATCH (n:Organization) WHERE n.name IN ['历城区委', '港沟街道党工委'] RETURN n.id ORDER BY n.name");
    const [village] = await ids('MATCH (n:Village) WHERE NOT coalesce(n.synthetic, false) RETURN n.id ORDER BY n.id LIMIT 1');
    const [district] = await ids(
      `MATCH (n:District {synthetic: true}) WHERE n.id STARTS WITH '${idPrefix(CITY)}' RETURN n.name ORDER BY n.id LIMIT 1`,
    );
    const [synOrg] = await ids(
      `MATCH (n:Organization {synthetic: true}) WHERE n.id STARTS WITH '${idPrefix(CITY)}' RETURN n.id ORDER BY n.id LIMIT 1`,
    );
    expect(org && other && village && district && synOrg).toBeTruthy();
    try {
      const web = {
        ...((await import(join(baselineDir, 'web/src/queries.ts'))) as typeof import('../../web/src/queries.ts')),
        ...((await import(join(baselineDir, 'web/src/audit-queries.ts'))) as typeof import('../../web/src/audit-queries.ts')),
      };
      const calls = (area: string, id: string, synthetic: boolean) => [
        web.searchEntities(area.slice(0, 2), synthetic),
        web.entityRefs([org!, other!, village!, id]),
        web.entityDetails(id),
        web.districtAreas(synthetic),
        web.neighbourhoodElements({ id, depth: 2, limit: 300 }),
        web.neighbourhoodElements({ id, depth: 2, limit: 300, asOf: '2024-06-30', relationships: ['REPORTS_TO', 'COVERS'] }),
        web.coverageView(area, null),
        web.coverageView(area, '2024-06-30'),
        web.chainsAndBuildings(area, synthetic),
        web.chainElements(area, synthetic),
        web.pathElements(village!, id, 6),
        web.areaFindings(area, null),
        web.coverageRollup(area, '2024-06-30'),
        web.unpairedOf(area, 'EnterpriseVillage', null),
        web.areaHistory(area, '2023-01-01', '2025-12-31', synthetic),
        web.auditElements(area, null),
      ];
      await Promise.allSettled([...calls('历城区', org!, false), web.hierarchyElements('历城区委', 3, 500)]);
      await Promise.allSettled(calls(district!, synOrg!, true));
    } finally {
      globalThis.fetch = realFetch;
    }
    const names = new Set(sent.map((s) => /^\s*query (\w+)/.exec(s.query)?.[1]));
    expect(names.size).toBeGreaterThanOrEqual(12);
    for (const { query, variables } of sent) await same(query, variables);
  });
});
