/**
 * A small graph with known answers, written under an id prefix of its own and removed afterwards, so
 * API tests do not depend on the documented dataset and never disturb it.
 *
 *   t-city ← t-district ← t-sub1 ← v1 v2 v3 v4 v5, c1 (community)
 *                       ← t-sub2 ← v6 v7 v8, bldg (commercial building)
 *   t-dc (district committee) ← t-sw1 ← t-jc (joint committee, covers v1–v3) ← b1 b2 b3 (village branches)
 *                             ← t-sw2 ← t-bc (building committee in bldg)
 *   pairings (enterprise–village): e1→v1 from 2024-01-01; e2→v2 2023-01-01..2024-06-30 (ended);
 *                                  e1→v6 from 2025-01-01
 *   chain ← subchain; role 总链长 (held within t-dc) leads chain; e1 on chain
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll } from 'vitest';
import type { GraphRecords, NodeRecord, RelationshipRecord } from '../../data/graph-records.ts';
import { loadGraph } from '../../data/load-graph.ts';
import { GraphStore } from '../../graph/graph-store.ts';
import { type Kind, labelsOf } from '../../schema/model.ts';
import { buildTestApp } from './app.ts';
import { testDriver } from './neo4j.ts';

const SOURCE = { sourceDocuments: ['test-fixture'], sourceQuotes: ['written by tests/helpers/fixture.ts'] };

export function fixtureGraph(prefix: string): GraphRecords & { id: (name: string) => string } {
  const id = (name: string) => `${prefix}-${name}`;
  const nodes: NodeRecord[] = [];
  const relationships: RelationshipRecord[] = [];
  const node = (name: string, kind: Kind, label: string, props: Record<string, unknown> = {}) =>
    nodes.push({ id: id(name), labels: labelsOf(kind), props: { id: id(name), kind, name: label, synthetic: false, ...SOURCE, ...props } });
  const rel = (from: string, type: string, to: string, props: Record<string, unknown> = {}) =>
    relationships.push({
      id: (props.id as string) ?? `${id(from)}|${type}|${id(to)}`,
      type,
      from: id(from),
      to: id(to),
      props: { id: `${id(from)}|${type}|${id(to)}`, synthetic: false, ...SOURCE, ...props },
    });

  node('city', 'City', `${prefix}市`);
  node('district', 'District', `${prefix}区`);
  node('sub1', 'Subdistrict', `${prefix}甲街道`);
  node('sub2', 'Subdistrict', `${prefix}乙街道`);
  for (const v of ['v1', 'v2', 'v3', 'v4', 'v5']) node(v, 'Village', `${prefix}${v}村`);
  for (const v of ['v6', 'v7', 'v8']) node(v, 'Village', `${prefix}${v}村`);
  node('c1', 'Community', `${prefix}c1社区`);
  node('bldg', 'CommercialBuilding', `${prefix}大厦`);
  node('dc', 'DistrictCommittee', `${prefix}区委`);
  node('sw1', 'SubdistrictWorkingCommittee', `${prefix}甲街道党工委`);
  node('sw2', 'SubdistrictWorkingCommittee', `${prefix}乙街道党工委`);
  node('jc', 'JointCommittee', `${prefix}联合党委`);
  for (const b of ['b1', 'b2', 'b3']) node(b, 'Branch', `${prefix}${b}村党支部`);
  node('bc', 'BuildingCommittee', `${prefix}大厦楼宇党委`, { founded: '2013-12' });
  node('e1', 'Enterprise', `${prefix}甲公司`);
  node('e2', 'Enterprise', `${prefix}乙公司`);
  node('chain', 'IndustryChain', `${prefix}物流产业链`, { partyBuildingSystem: '1+3+4+N' });
  node('subchain', 'SubChain', `${prefix}冷链分链`);
  node('role', 'LeadershipRole', '总链长', { holder: '区级领导' });

  rel('district', 'PART_OF', 'city');
  rel('sub1', 'PART_OF', 'district');
  rel('sub2', 'PART_OF', 'district');
  for (const v of ['v1', 'v2', 'v3', 'v4', 'v5', 'c1']) rel(v, 'PART_OF', 'sub1');
  for (const v of ['v6', 'v7', 'v8', 'bldg']) rel(v, 'PART_OF', 'sub2');
  rel('dc', 'GOVERNS', 'district');
  rel('sw1', 'REPORTS_TO', 'dc');
  rel('sw2', 'REPORTS_TO', 'dc');
  rel('sw1', 'GOVERNS', 'sub1');
  rel('sw2', 'GOVERNS', 'sub2');
  rel('jc', 'REPORTS_TO', 'sw1');
  for (const [b, v] of [
    ['b1', 'v1'],
    ['b2', 'v2'],
    ['b3', 'v3'],
  ] as const) {
    rel('jc', 'COVERS', v);
    rel(b, 'REPORTS_TO', 'jc');
    rel(b, 'GOVERNS', v);
  }
  rel('bc', 'REPORTS_TO', 'sw2');
  rel('bc', 'LOCATED_IN', 'bldg');
  rel('e1', 'LOCATED_IN', 'bldg');
  rel('subchain', 'SUB_CHAIN_OF', 'chain');
  rel('role', 'LEADS', 'chain');
  rel('role', 'HELD_WITHIN', 'dc');
  rel('e1', 'ON_CHAIN', 'chain');
  const pairing = (name: string, from: string, to: string, props: Record<string, unknown>) =>
    rel(from, 'PAIRED_WITH', to, { id: id(name), kind: 'EnterpriseVillage', programme: '万人下乡、千村提升', ...props });
  pairing('p1', 'e1', 'v1', { status: 'active', validFrom: '2024-01-01' });
  pairing('p2', 'e2', 'v2', { status: 'ended', validFrom: '2023-01-01', validTo: '2024-06-30', reason: '主营业务与村庄发展需求不匹配' });
  pairing('p3', 'e1', 'v6', { status: 'active', validFrom: '2025-01-01' });

  const claims = [
    {
      id: `claim-${prefix}-branches`,
      subject: id('bc'),
      props: { id: `claim-${prefix}-branches`, metric: 'branches', value: 17, unit: 'count', statement: '17个党支部', ...SOURCE },
    },
    {
      id: `claim-${prefix}-villages`,
      subject: id('jc'),
      props: { id: `claim-${prefix}-villages`, metric: 'villages', value: 3, unit: 'count', statement: '3个村', ...SOURCE },
    },
  ];
  return { nodes, relationships, claims, id };
}

export async function loadFixture(driver: Driver, database: string, prefix: string) {
  const graph = fixtureGraph(prefix);
  await loadGraph(GraphStore.forLoads(driver, database), graph, { singleTransaction: true });
  return graph;
}

export async function removeFixture(driver: Driver, database: string, prefix: string) {
  await driver.executeQuery(
    `MATCH (n) WHERE (n:Entity OR n:Claim OR n:Change) AND (n.id STARTS WITH $prefix OR n.id STARTS WITH $claimPrefix OR n.entityId STARTS WITH $prefix OR n.after CONTAINS $quoted)
     DETACH DELETE n`,
    { prefix: `${prefix}-`, claimPrefix: `claim-${prefix}-`, quoted: `"${prefix}-` },
    { database },
  );
}

/**
 * For a test file that works on the database directly (import, export, backup): a driver, the fixture
 * under `prefix` loaded fresh before the tests and removed after (the driver closed), and with
 * `tempDir` a temporary directory of that name's prefix, removed after. `dir` is set once beforeAll has run.
 */
export function withFixture(prefix: string, options: { tempDir?: string } = {}) {
  const context = { dir: '', id: (name: string) => `${prefix}-${name}`, ...testDriver() };
  beforeAll(async () => {
    if (options.tempDir) context.dir = mkdtempSync(join(tmpdir(), `${options.tempDir}-`));
    await removeFixture(context.driver, context.database, prefix);
    await loadFixture(context.driver, context.database, prefix);
  });
  afterAll(async () => {
    await removeFixture(context.driver, context.database, prefix);
    await context.driver.close();
    if (context.dir) rmSync(context.dir, { recursive: true, force: true });
  });
  return context;
}

/**
 * For a test file: loads the fixture under `prefix` and builds the app before the tests, removes both
 * after. The returned object's `app` is set once beforeAll has run.
 */
export function withFixtureApp(prefix: string, env: Record<string, string> = {}) {
  const context = {
    app: undefined as unknown as Awaited<ReturnType<typeof buildTestApp>>,
    id: (name: string) => `${prefix}-${name}`,
    ...testDriver(),
  };
  beforeAll(async () => {
    await removeFixture(context.driver, context.database, prefix);
    await loadFixture(context.driver, context.database, prefix);
    context.app = await buildTestApp(env);
  });
  afterAll(async () => {
    await context.app.close();
    await removeFixture(context.driver, context.database, prefix);
    await context.driver.close();
  });
  return context;
}
