/**
 * Audit rules: on the clean fixture graph they find nothing but its unpaired villages; each planted
 * violation is found by its rule, and only there. Also the claims check.
 */
import { describe, expect, it } from 'vitest';
import { gql } from '../helpers/app.ts';
import { withFixtureApp } from '../helpers/fixture.ts';

const P = 'tf';
const fixture = withFixtureApp(P);
const { id, driver, database } = fixture;

type ByRule = Record<string, string[]>;

async function findingsByRule(area: string, asOf = '2025-06-01'): Promise<ByRule> {
  const { data, errors } = await gql<{ findings: any }>(
    fixture.app,
    `{ findings(area: "${area}", asOf: "${asOf}", first: 500) {
        totalCount byRule { rule { id } count } nodes { rule { id severity } entity { id } detail } } }`,
  );
  expect(errors).toBeUndefined();
  const byRule: ByRule = {};
  for (const f of data!.findings.nodes) byRule[f.rule.id] = [...(byRule[f.rule.id] ?? []), f.entity.id];
  for (const list of Object.values(byRule)) list.sort();
  const counted = Object.fromEntries(data!.findings.byRule.map((r: any) => [r.rule.id, r.count]));
  for (const [rule, list] of Object.entries(byRule)) expect(counted[rule]).toBe(list.length);
  return byRule;
}

async function plant(cypher: string) {
  await driver.executeQuery(cypher, { p: P }, { database });
}

describe('audit rules', () => {
  it('lists the rules with severity and titles in English and Chinese', async () => {
    const { data } = await gql<{ findingRules: any[] }>(fixture.app, '{ findingRules { id severity title zh description } }');
    expect(data!.findingRules.map((r) => r.id)).toEqual(
      expect.arrayContaining([
        'village-without-pairing',
        'joint-committee-across-subdistricts',
        'organization-without-parent',
        'hierarchy-cycle',
        'building-without-committee',
        'chain-without-leader',
        'pairing-with-dissolved-party',
        'duplicate-name',
        'to-check',
      ]),
    );
    expect(data!.findingRules.find((r) => r.id === 'hierarchy-cycle')).toMatchObject({ severity: 'critical', zh: '隶属关系成环' });
  });

  it('finds nothing in the clean fixture but its unpaired villages', async () => {
    expect(await findingsByRule(id('district'))).toEqual({
      'village-without-pairing': [id('v2'), id('v3'), id('v4'), id('v5'), id('v7'), id('v8')],
    });
    expect(await findingsByRule(id('v1'))).toEqual({});
  });

  it('finds each planted violation with its rule, and only there', async () => {
    await plant(
      `MATCH (jc:Entity {id: $p + '-jc'}), (v6:Entity {id: $p + '-v6'}) CREATE (jc)-[:COVERS {id: $p + '-plant-cover', synthetic: false}]->(v6)`,
    );
    await plant(`MATCH (v7:Entity {id: $p + '-v7'})
      CREATE (o:Entity:Organization:Branch {id: $p + '-orphan', kind: 'Branch', name: $p + '孤立党支部', synthetic: false})-[:GOVERNS {id: $p + '-plant-gov', synthetic: false}]->(v7)`);
    await plant(
      `MATCH (dc:Entity {id: $p + '-dc'}), (b1:Entity {id: $p + '-b1'}) CREATE (dc)-[:REPORTS_TO {id: $p + '-plant-cycle', synthetic: false}]->(b1)`,
    );
    await plant(`MATCH (sub2:Entity {id: $p + '-sub2'}), (e2:Entity {id: $p + '-e2'})
      CREATE (b:Entity:Place:CommercialBuilding {id: $p + '-bldg2', kind: 'CommercialBuilding', name: $p + '二号楼', synthetic: false})-[:PART_OF {id: $p + '-plant-part', synthetic: false}]->(sub2)
      CREATE (e2)-[:LOCATED_IN {id: $p + '-plant-loc', synthetic: false}]->(b)`);
    await plant(`MATCH (e2:Entity {id: $p + '-e2'})
      CREATE (e2)-[:ON_CHAIN {id: $p + '-plant-chain', synthetic: false}]->(:Entity:IndustryChain {id: $p + '-chain2', kind: 'IndustryChain', name: $p + '无链长产业链', synthetic: false})`);
    await plant(`MATCH (e1:Entity {id: $p + '-e1'}) SET e1.dissolvedOn = '2025-03-01'`);
    await plant(`MATCH (v8:Entity {id: $p + '-v8'}) SET v8.toCheck = 'For a person to check: planted'`);
    await plant(`MATCH (bc:Entity {id: $p + '-bc'})-[:STATES]->(c:Claim) SET c.toCheck = 'For a person to check: planted claim'`);
    await plant(`MATCH (sub2:Entity {id: $p + '-sub2'})
      CREATE (:Entity:Place:Village {id: $p + '-v7bis', kind: 'Village', name: $p + 'v7村', synthetic: false})-[:PART_OF {id: $p + '-plant-dup', synthetic: false}]->(sub2)`);

    const found = await findingsByRule(id('district'));
    expect(found['joint-committee-across-subdistricts']).toEqual([id('jc')]);
    expect(found['organization-without-parent']).toEqual([id('orphan')]);
    expect(found['hierarchy-cycle']).toEqual([id('b1'), id('dc'), id('jc'), id('sw1')]); // the four on the loop
    expect(found['building-without-committee']).toEqual([id('bldg2')]);
    expect(found['chain-without-leader']).toEqual([id('chain2')]);
    expect(found['pairing-with-dissolved-party']).toEqual([id('e1'), id('e1')]); // p1 and p3 are still active
    expect(found['duplicate-name']).toEqual([id('v7'), id('v7bis')]);
    expect(found['to-check']).toEqual([id('bc'), id('v8')]);
    // Before e1 was dissolved, its pairings were fine.
    expect((await findingsByRule(id('district'), '2025-02-01'))['pairing-with-dissolved-party']).toBeUndefined();
  });

  it('filters by rule and severity, and refuses an unknown rule', async () => {
    const { data } = await gql<{ findings: any }>(
      fixture.app,
      `{ findings(area: "${id('district')}", severities: [critical]) { byRule { rule { id } count } } }`,
    );
    expect(data!.findings.byRule.map((r: any) => r.rule.id)).toEqual(['hierarchy-cycle']);
    const bad = await gql(fixture.app, `{ findings(rules: ["no-such-rule"]) { totalCount } }`);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rules' });
  });
});

describe('claims check', () => {
  it('lists an area’s claims with the graph’s count and a status, filterable by status', async () => {
    const { data } = await gql<{ all: any[]; fewer: any[] }>(
      fixture.app,
      `{ all: claimsCheck(area: "${id('district')}") { subject { id } metric value graphValue status }
         fewer: claimsCheck(area: "${id('district')}", statuses: [GRAPH_HOLDS_FEWER]) { metric } }`,
    );
    expect(data!.all).toEqual(
      expect.arrayContaining([
        { subject: { id: id('bc') }, metric: 'branches', value: 17, graphValue: 0, status: 'GRAPH_HOLDS_FEWER' },
        expect.objectContaining({ subject: { id: id('jc') }, metric: 'villages', value: 3 }),
      ]),
    );
    expect(data!.fewer.map((c) => c.metric)).toContain('branches');
  });
});
