/**
 * A sample of named facts from each of the five reports, checked in the loaded graph with Cypher,
 * each with the report it must cite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphStore } from '../../graph/graph-store.ts';
import { buildTestApp, gql, type TestApp } from '../helpers/app.ts';
import { testDriver } from '../helpers/neo4j.ts';

const { driver, database } = testDriver();
afterAll(() => driver.close());

async function rows(query: string, params: Record<string, unknown> = {}) {
  const { records } = await driver.executeQuery(query, params, { database });
  return records.map((r) => r.toObject());
}

describe('facts from 001 and 003 (市中区)', () => {
  it('玉符泉源联合党委 covers 西东、土屋、相家、寨而头、宅科 in 党家街道, under 党家街道党工委', async () => {
    const found = await rows(
      `MATCH (j:JointCommittee {name: '玉符泉源联合党委'})-[c:COVERS]->(v:Village)-[:PART_OF]->(s:Subdistrict)
       MATCH (j)-[:REPORTS_TO]->(p:SubdistrictWorkingCommittee)
       RETURN v.name AS village, s.name AS subdistrict, p.name AS parent, c.sourceDocuments AS docs ORDER BY village`,
    );
    expect(found.map((r) => r.village).sort()).toEqual(['土屋村', '宅科村', '寨而头村', '相家村', '西东村'].sort());
    expect(new Set(found.map((r) => r.subdistrict))).toEqual(new Set(['党家街道']));
    expect(new Set(found.map((r) => r.parent))).toEqual(new Set(['党家街道党工委']));
    for (const r of found) expect(r.docs).toContain('001_3eafe8dd0ef6123b.txt');
  });

  it('山东商会大厦楼宇社区综合党委 sits in 山东商会大厦 (大观园街道), founded 2013-12, stating 1 党总支, 17 党支部, 290 党员', async () => {
    const [committee] = await rows(
      `MATCH (c:Organization {name: '山东商会大厦楼宇社区综合党委'})-[:LOCATED_IN]->(b:CommercialBuilding)-[:PART_OF]->(s:Subdistrict)
       RETURN c.founded AS founded, b.name AS building, s.name AS subdistrict, c.sourceDocuments AS docs`,
    );
    const { docs, ...rest } = committee as { docs: string[] };
    expect(rest).toEqual({ founded: '2013-12', building: '山东商会大厦', subdistrict: '大观园街道' });
    expect(new Set(docs)).toEqual(new Set(['003_8dbc739dccd2aad1.txt']));
    const claims = await rows(
      `MATCH (:Organization {name: '山东商会大厦楼宇社区综合党委'})-[:STATES]->(c:Claim) RETURN c.metric AS metric, c.value AS value ORDER BY metric`,
    );
    expect(claims).toEqual([
      { metric: 'branches', value: 17 },
      { metric: 'generalBranches', value: 1 },
      { metric: 'members', value: 290 },
    ]);
    // Counts are claims: no branch nodes were invented to match them.
    expect(await rows(`MATCH (:Branch)-[:REPORTS_TO]->(:Organization {name: '山东商会大厦楼宇社区综合党委'}) RETURN 1`)).toEqual([]);
  });

  it('区物业服务行业党委 was set up within 区住房和城乡建设局; 小庄村党组织书记 is 商俭', async () => {
    expect(
      await rows(`MATCH (:IndustryCommittee {name: '区物业服务行业党委'})-[:HOSTED_BY]->(u:GovernmentUnit) RETURN u.name AS unit`),
    ).toEqual([{ unit: '区住房和城乡建设局' }]);
    expect(
      await rows(
        `MATCH (p:Person {name: '商俭'})-[h:HOLDS_POSITION]->(o:Organization)-[:GOVERNS]->(v:Village) RETURN h.title AS title, v.name AS village`,
      ),
    ).toEqual([{ title: '党组织书记', village: '小庄村' }]);
  });

  it('“梦享家”党群服务中心 is on the 6th floor of 山东数字产业大厦, run by 杆石桥街道党工委', async () => {
    expect(
      await rows(
        `MATCH (w:SubdistrictWorkingCommittee)-[:RUNS]->(s:ServiceSite {name: '“梦享家”党群服务中心'})-[:LOCATED_IN]->(b:CommercialBuilding)
         RETURN w.name AS runBy, s.floor AS floor, b.name AS building`,
      ),
    ).toEqual([{ runBy: '杆石桥街道党工委', floor: 6, building: '山东数字产业大厦' }]);
  });
});

describe('facts from 000 and 002 (历城区)', () => {
  it('总链长 (held by 区级领导 of 历城区委) leads 物流产业链 “1+3+4+N” and 金融产业链 “6+6+N”', async () => {
    expect(
      await rows(
        `MATCH (r:LeadershipRole {name: '总链长'})-[:LEADS]->(c:IndustryChain), (r)-[:HELD_WITHIN]->(o:Organization)
         RETURN c.name AS chain, c.partyBuildingSystem AS system, r.holder AS holder, o.name AS org ORDER BY chain`,
      ),
    ).toEqual([
      { chain: '物流产业链', system: '1+3+4+N', holder: '区级领导', org: '历城区委' },
      { chain: '金融产业链', system: '6+6+N', holder: '区级领导', org: '历城区委' },
    ]);
  });

  it('“组织115家企业联村” and the two-coverage rates 93.0% / 81.9% are claims of 历城区 (or its 区委), with their sentence', async () => {
    const claims = await rows(
      `MATCH (s:Entity)-[:STATES]->(c:Claim) WHERE s.name IN ['历城区', '历城区委']
       RETURN c.metric AS metric, c.value AS value, c.unit AS unit, c.sourceQuotes[0] AS quote`,
    );
    const pairings = claims.find((c) => c.metric === 'enterpriseVillagePairings');
    expect(pairings).toMatchObject({ value: 115, unit: 'count' });
    expect(pairings?.quote).toContain('组织115家企业联村');
    const rates = claims.filter((c) => c.unit === 'percent' && String(c.quote).includes('两新覆盖率分别达到93.0%和81.9%'));
    expect(rates.map((c) => c.value).sort()).toEqual([81.9, 93]);
  });

  it('港沟街道党工委 leads 港九片区, whose named villages include 芦南村 and 鸡山坡 (002)', async () => {
    const found = await rows(
      `MATCH (w:SubdistrictWorkingCommittee {name: '港沟街道党工委'})-[:LEADS]->(a:Alliance {name: '港九片区'})<-[:MEMBER_OF]-(v:Village)
       RETURN collect(v.name) AS villages, a.sourceDocuments AS docs`,
    );
    expect(found[0]?.villages).toEqual(expect.arrayContaining(['芦南村', '石庙', '马家', '桃科', '鸡山坡']));
    expect(new Set(found[0]?.docs as string[])).toEqual(new Set(['000_b9b39bc892037770.txt', '002_cf01095a236c5af1.txt']));
  });

  it('城市之光社区 (鲍山街道) has a 社区党支部 with the “HUI生活” brand; 刘凯 is 朱家庄村’s “领头雁”', async () => {
    expect(
      await rows(
        `MATCH (b:Branch)-[:GOVERNS]->(c:Community {name: '城市之光社区'})-[:PART_OF]->(s) RETURN b.brand AS brand, s.name AS subdistrict`,
      ),
    ).toEqual([{ brand: 'HUI生活', subdistrict: '鲍山街道' }]);
    expect(await rows(`MATCH (:Person {name: '刘凯'})-[h:HOLDS_POSITION]->(v:Village) RETURN v.name AS village, h.title AS title`)).toEqual(
      [{ village: '朱家庄村', title: '“领头雁”' }],
    );
  });
});

describe('facts from 004 (济南高新区)', () => {
  it('智造谷、药谷、算谷 are industrial parks of the “工业社区” model; 48 communities covered by 双报到 is a claim', async () => {
    const parks = await rows(
      `MATCH (p:IndustrialPark)-[:PART_OF*1..3]->(:District {name: '济南高新区'}) WHERE p.model CONTAINS '工业社区' RETURN p.name AS park ORDER BY park`,
    );
    expect(parks.map((p) => p.park)).toEqual(expect.arrayContaining(['智造谷产业园', '药谷产业园', '算谷产业园']));
    const registrations = await rows(
      `MATCH (s:Entity)-[:STATES]->(c:Claim {metric: 'unitCommunityRegistrations'}) WHERE s.name IN ['济南高新区', '济南高新区党工委'] RETURN c.value AS value`,
    );
    expect(registrations).toEqual([{ value: 48 }]);
  });
});

describe('every report is used', () => {
  it('cites each of the five reports', async () => {
    const [row] = await rows(`MATCH (n:Entity {synthetic: false}) UNWIND n.sourceDocuments AS d RETURN collect(DISTINCT d) AS docs`);
    expect([...((row?.docs ?? []) as string[])].filter((d) => /^\d{3}_/.test(d)).sort()).toEqual([
      '000_b9b39bc892037770.txt',
      '001_3eafe8dd0ef6123b.txt',
      '002_cf01095a236c5af1.txt',
      '003_8dbc739dccd2aad1.txt',
      '004_d853a688cbf7f822.txt',
    ]);
  });
});

describe('when and how we know it (#17, review section 6)', () => {
  it('every documented node, relationship and claim has a basis; every claim, position and posting (SERVES_IN) an asOf', async () => {
    const [missing] = await rows(
      `CALL () { MATCH (n:Entity {synthetic: false}) WHERE n.basis IS NULL RETURN count(n) AS nodes }
       CALL () { MATCH (:Entity {synthetic: false})-[r]->(:Entity) WHERE r.basis IS NULL RETURN count(r) AS relationships }
       CALL () { MATCH (c:Claim) WHERE c.basis IS NULL OR c.asOfFrom IS NULL RETURN count(c) AS claims }
       CALL () { MATCH ()-[h:HOLDS_POSITION|SERVES_IN]->() WHERE h.asOfFrom IS NULL RETURN count(h) AS positions }
       RETURN nodes, relationships, claims, positions`,
    );
    expect(missing).toEqual({ nodes: 0, relationships: 0, claims: 0, positions: 0 });
  });

  it('labels the 93.0% / 81.9% rates neutrally, in the words of the report (E-1)', async () => {
    const rates = await rows(
      `MATCH (c:Claim) WHERE c.id IN ['claim-lc-new-organization-coverage', 'claim-lc-new-organization-work-coverage']
       RETURN c.metric AS metric, c.statement AS statement ORDER BY metric`,
    );
    expect(rates).toEqual([
      { metric: 'twoNewCoverageRateFirst', statement: '两新覆盖率分别达到93.0%' },
      { metric: 'twoNewCoverageRateSecond', statement: '两新覆盖率分别达到……81.9%' },
    ]);
  });

  it('乐山小区’s 社区综合党委 covers the compound rather than governing it; no unsupported 济控股集团 LOCATED_IN (E-6, E-10)', async () => {
    expect(
      await rows(
        `MATCH (:Organization {id: 'sz-leshan-comprehensive-committee'})-[r]->(:Place {id: 'sz-leshan-compound'}) RETURN type(r) AS type`,
      ),
    ).toEqual([{ type: 'COVERS' }]);
    expect(await rows(`MATCH (:Entity {id: 'gx-jikong-group'})-[r:LOCATED_IN]->() RETURN r`)).toEqual([]);
  });

  it('marks the unnamed 街道党工委 institutional and the 党家 village branches and the 小庄村 chain inferred (E-3, E-4)', async () => {
    const bases = await rows(
      `MATCH (n:Entity) WHERE n.id IN ['sz-weijiazhuang-working-committee', 'lc-tangwang-working-committee', 'sz-xidong-village-branch',
         'sz-xiaozhuang-village-organization', 'gx-gaoxin-working-committee', 'sz-yufu-quanyuan-joint-committee']
       RETURN n.id AS id, n.basis AS basis ORDER BY id`,
    );
    expect(bases).toEqual([
      { id: 'gx-gaoxin-working-committee', basis: 'composedName' },
      { id: 'lc-tangwang-working-committee', basis: 'institutional' },
      { id: 'sz-weijiazhuang-working-committee', basis: 'institutional' },
      { id: 'sz-xiaozhuang-village-organization', basis: 'inferred' },
      { id: 'sz-xidong-village-branch', basis: 'inferred' },
      { id: 'sz-yufu-quanyuan-joint-committee', basis: 'stated' },
    ]);
    expect(
      await rows(
        `MATCH (:Entity {id: 'sz-xiaozhuang-village'})-[r:PART_OF]->(:Entity {id: 'sz-dougou-subdistrict'}) RETURN r.basis AS basis`,
      ),
    ).toEqual([{ basis: 'inferred' }]);
  });

  it('keeps “余”, “近” and “不少于” with the number (qualifier) and the report’s own years (asOf)', async () => {
    const claims = await rows(
      `MATCH (c:Claim) WHERE c.id IN ['claim-lc-chaosuan-alliance-units', 'claim-lc-processing-time-reduction',
         'claim-sz-rural-service-centre-minimum-area', 'claim-sz-dougou-villages-income-1m', 'claim-gx-members', 'claim-lc-lunan-visitors']
       RETURN c.id AS id, c.value AS value, c.unit AS unit, c.qualifier AS qualifier, c.asOf AS asOf ORDER BY id`,
    );
    expect(claims).toEqual([
      { id: 'claim-gx-members', value: 30000, unit: 'people', qualifier: 'over', asOf: '../2024' },
      { id: 'claim-lc-chaosuan-alliance-units', value: 40, unit: 'count', qualifier: 'over', asOf: '2022-10/..' },
      { id: 'claim-lc-lunan-visitors', value: 400000, unit: 'personTimes', qualifier: 'over', asOf: '2022-10/..' },
      { id: 'claim-lc-processing-time-reduction', value: 70, unit: 'percent', qualifier: 'nearly', asOf: '2022-10/..' },
      { id: 'claim-sz-dougou-villages-income-1m', value: 43, unit: 'percent', qualifier: null, asOf: '2023' },
      { id: 'claim-sz-rural-service-centre-minimum-area', value: 1000, unit: 'squareMetres', qualifier: 'atLeast', asOf: '2020-07-01' },
    ]);
  });

  it('holds no post for an honour or an unnamed community (E-5), and 兴隆’s unnamed pilot bodies as claims (E-9)', async () => {
    expect(await rows(`MATCH (p:Person)-[h:HOLDS_POSITION]->() WHERE p.id IN ['lc-li-hongwen', 'lc-li-jinfeng'] RETURN h`)).toEqual([]);
    expect(await rows(`MATCH (p:Person {id: 'lc-li-jinfeng'}) RETURN p.position AS position`)).toEqual([
      { position: '社区书记（所在社区报道未写明）' },
    ]);
    const claims = await rows(
      `MATCH (:Entity {id: 'sz-xinglong-working-committee'})-[:STATES]->(c:Claim) WHERE c.metric IN ['jointCommittees', 'alliances']
       RETURN c.metric AS metric, c.value AS value, c.asOf AS asOf ORDER BY metric`,
    );
    expect(claims).toEqual([
      { metric: 'alliances', value: 1, asOf: '2020-07-01' },
      { metric: 'jointCommittees', value: 1, asOf: '2020-07-01' },
    ]);
  });
});

describe('qualified display names for homonyms (review E-11)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  it('the two 第一书记 are told apart by district in search, by id and in graph labels; generic names say whose; a unique name stays plain', async () => {
    const { data, errors } = await gql<{
      search: { id: string; name: string; displayName: string }[];
      entities: { id: string; name: string; displayName: string }[];
      neighbourhood: { nodes: { data: { id: string; label: string } }[] };
    }>(
      app,
      `query {
        search(text: "第一书记", first: 20) { id name displayName }
        entities(ids: ["lc-district-government", "gx-park-committee", "sz-housing-bureau", "lc-lunan-village", "sz-leshan-community", "sz-shunhua-community", "sz-jianxin-community", "sz-xinping-village"]) { id name displayName }
        neighbourhood(id: "lc-licheng-district", depth: 1, relationships: ["SERVES_IN"]) { nodes { data { id label } } }
      }`,
    );
    expect(errors, JSON.stringify(errors)).toBeUndefined();
    const secretaries = data!.search.filter((e) => e.name === '第一书记').map(({ id, displayName }) => ({ id, displayName }));
    expect(secretaries.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'lc-first-secretary', displayName: '第一书记（历城区）' },
      { id: 'sz-first-secretary', displayName: '第一书记（市中区）' },
    ]);
    expect(Object.fromEntries(data!.entities.map((e) => [e.id, e.displayName]))).toEqual({
      'lc-district-government': '区政府（历城区）',
      'gx-park-committee': '园区党委（济南高新区）',
      'sz-housing-bureau': '区住房和城乡建设局（市中区）',
      'lc-lunan-village': '芦南村',
      // Bare two-character names (001's brand tiers, 003's 新平) stand beside 乐山小区, 舜华路, 建鑫社区 … (review E-11).
      'sz-leshan-community': '乐山（市中区）',
      'sz-shunhua-community': '舜华（市中区）',
      'sz-jianxin-community': '建新（市中区）',
      'sz-xinping-village': '新平（市中区）',
    });
    // The name itself stays as the report writes it.
    expect(data!.entities.find((e) => e.id === 'lc-district-government')!.name).toBe('区政府');
    expect(data!.neighbourhood.nodes.find((n) => n.data.id === 'lc-first-secretary')?.data.label).toBe('第一书记（历城区）');
  });

  it('a name that no longer clashes loses its display name when the names are set again', async () => {
    const { setDisplayNames } = await import('../../data/display-names.ts');
    await driver.executeQuery("MATCH (n:Entity {id: 'sz-first-secretary'}) SET n.name = '第一书记（测试）'", {}, { database });
    try {
      await setDisplayNames(GraphStore.forLoads(driver, database));
      const found = await rows(
        "MATCH (n:Entity) WHERE n.id IN ['lc-first-secretary', 'sz-first-secretary'] RETURN n.id AS id, n.displayName AS displayName ORDER BY id",
      );
      expect(found).toEqual([
        { id: 'lc-first-secretary', displayName: null },
        { id: 'sz-first-secretary', displayName: null },
      ]);
    } finally {
      await driver.executeQuery("MATCH (n:Entity {id: 'sz-first-secretary'}) SET n.name = '第一书记'", {}, { database });
      await setDisplayNames(GraphStore.forLoads(driver, database));
    }
    expect(await rows("MATCH (n:Entity {id: 'sz-first-secretary'}) RETURN n.displayName AS d")).toEqual([{ d: '第一书记（市中区）' }]);
  });
});
