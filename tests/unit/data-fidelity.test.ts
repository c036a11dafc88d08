/**
 * The data-fidelity review (shared/reviews/data-fidelity.md) finding by finding, on the documented
 * dataset as the seed reader builds it: each finding's fix stays in the data. General rules over
 * every record where the review's point is one (places reach their district, approximations keep
 * their qualifier, no post in a district); the named records where it is about them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSeedGraph } from '../../data/read-seed.ts';
import { projectFile } from '../../graph/project-root.ts';

const graph = buildSeedGraph();
const node = (id: string) => {
  const found = graph.nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found.props;
};
const claim = (id: string) => {
  const found = graph.claims.find((c) => c.id === id);
  if (!found) throw new Error(`no claim ${id}`);
  return { ...found.props, subject: found.subject } as Record<string, unknown>;
};
const links = (from: string, type?: string, to?: string) =>
  graph.relationships.filter((r) => r.from === from && (!type || r.type === type) && (!to || r.to === to));
const link = (from: string, type: string, to: string) => {
  const [found] = links(from, type, to);
  if (!found) throw new Error(`no ${from} ${type} ${to}`);
  return found.props;
};
const PREFIX_DISTRICT: Record<string, string> = { lc: 'lc-licheng-district', sz: 'sz-shizhong-district', gx: 'gx-gaoxin-district' };

describe('every fact carries its sentence (review §2: quotes that state what they support)', () => {
  // Our own words about a record (a note, who holds a post, a paraphrased model or project, an honour with
  // its year) are annotations; every other text a node stores is the report's term and stands in a quote.
  const ANNOTATIONS = new Set([
    'note',
    'holder',
    'position',
    'grade',
    'areaType',
    'alsoCountedAs',
    'project',
    'model',
    'honours',
    'founded',
    'toCheck',
  ]);
  const OURS = new Set(['id', 'kind', 'name', 'nameEn', 'aliases', 'basis', 'basisNote', 'sourceDocuments', 'sourceQuotes', 'synthetic']);
  const squash = (text: string) => text.replace(/\s+/g, '');

  it('each text property of a documented node (a report’s term: 红色引擎, “1+5”, 社区—小区—楼栋 …) stands in one of its own quotes', () => {
    const unquoted: string[] = [];
    for (const n of graph.nodes) {
      const quotes = (n.props.sourceQuotes as string[]).map(squash);
      for (const [key, value] of Object.entries(n.props)) {
        if (OURS.has(key) || ANNOTATIONS.has(key)) continue;
        for (const item of Array.isArray(value) ? value : [value]) {
          if (typeof item !== 'string' || /^[A-Za-z ,.'’()-]+$/.test(item)) continue;
          if (!quotes.some((q) => q.includes(squash(item)))) unquoted.push(`${n.id} ${key}: ${item}`);
        }
      }
    }
    expect(unquoted).toEqual([]);
  });

  it('each property of a documented relationship (a post’s title, 双组长, 商圈党建, 137 holders …) stands in one of its quotes', () => {
    const dates = new Set(['asOf', 'asOfFrom', 'asOfTo']);
    // Pairings carry their own fields (kind, status, validFrom …): not report words.
    const unquoted = graph.relationships
      .filter((r) => r.type !== 'PAIRED_WITH')
      .flatMap((r) => {
        const quotes = (r.props.sourceQuotes as string[]).map(squash);
        return Object.entries(r.props)
          .filter(([key]) => !OURS.has(key) && !dates.has(key))
          .flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((item) => [key, String(item)] as const))
          .filter(([, item]) => !quotes.some((q) => q.includes(squash(item))))
          .map(([key, item]) => `${r.id} ${key}: ${item}`);
      });
    expect(unquoted).toEqual([]);
  });
});

describe('E-1: the two 两新 rates are labelled as the report gives them', () => {
  it('neutral metrics, the verbatim statement, and a note that the report does not say which rate is which', () => {
    const first = claim('claim-lc-new-organization-coverage');
    const second = claim('claim-lc-new-organization-work-coverage');
    expect([first.metric, first.value, second.metric, second.value]).toEqual([
      'twoNewCoverageRateFirst',
      93,
      'twoNewCoverageRateSecond',
      81.9,
    ]);
    for (const c of [first, second]) {
      expect(String(c.statement)).not.toMatch(/组织覆盖|工作覆盖/);
      expect(String(c.note)).toContain('does not say');
    }
  });
});

describe('E-2: every claim and post has its time; conflicting figures are kept apart', () => {
  it('003’s figures are of 2020-07-01, 陡沟’s shares of 2023, 004’s “近年来” a span ending 2024', () => {
    for (const c of graph.claims.filter((c) => (c.props.sourceDocuments as string[])[0]!.startsWith('003_'))) {
      expect(c.props.asOf, c.id).toBe('2020-07-01');
    }
    expect(claim('claim-sz-dougou-villages-income-500k').asOf).toBe('2023');
    expect(claim('claim-sz-dougou-villages-income-1m').asOf).toBe('2023');
    expect(claim('claim-gx-organizations').asOf).toBe('../2024');
    expect(claim('claim-gx-members').asOf).toBe('../2024');
    expect(link('sz-shang-jian', 'HOLDS_POSITION', 'sz-xiaozhuang-village-organization').asOf).toBe('2020-07-01');
  });

  it('历城’s grid counts: 002’s supersede 000’s, and the 1613 → 44 dedicated grids are noted as a likely change of definition', () => {
    expect(claim('claim-lc-basic-grids-lijie-libian').supersedes).toBe('claim-lc-basic-grids');
    expect(claim('claim-lc-dedicated-grids-lijie-libian').supersedes).toBe('claim-lc-dedicated-grids');
    expect(String(claim('claim-lc-dedicated-grids-lijie-libian').note)).toContain('change of what counts');
  });

  it('004’s changes of 2024 are dated 2024: the 园区党委 upgraded to 直属, the 21 secretaries, the pairings re-matched, the 两新 committees', () => {
    expect(link('gx-park-committee', 'REPORTS_TO', 'gx-gaoxin-working-committee')).toMatchObject({
      asOf: '2024/..',
      asOfFrom: '2024-01-01',
    });
    for (const id of [
      'claim-gx-community-secretaries-adjusted',
      'claim-gx-enterprise-village-pairing-readjustment',
      'claim-gx-subdistrict-two-new-committees',
    ]) {
      expect(claim(id).asOf, id).toBe('2024');
    }
  });
});

describe('E-3, E-4: inferred records say so', () => {
  it('the ten 街道党工委 no report names are institutional; the two it names are stated', () => {
    const committees = graph.nodes.filter((n) => n.props.kind === 'SubdistrictWorkingCommittee');
    const stated = committees.filter((n) => n.props.basis === 'stated').map((n) => n.props.name);
    expect(stated.sort()).toEqual(['大观园街道党工委', '港沟街道党工委']);
    const unnamed = ['唐王', '鲍山', '彩石', '全福', '东风', '唐冶', '陡沟', '杆石桥', '魏家庄', '六里山'].map((s) => `${s}街道党工委`);
    for (const n of committees.filter((c) => unnamed.includes(String(c.props.name))))
      expect(n.props.basis, String(n.props.name)).toBe('institutional');
    expect(committees.filter((c) => unnamed.includes(String(c.props.name)))).toHaveLength(10);
  });

  it('no 街道党工委’s REPORTS_TO cites a sentence about something else (000’s 三级党建体系 with its 党校 is the education system)', () => {
    const links_ = graph.relationships.filter((r) => r.type === 'REPORTS_TO' && r.to === 'lc-licheng-district-committee');
    expect(links_.length).toBeGreaterThanOrEqual(7);
    for (const r of links_) for (const quote of r.props.sourceQuotes as string[]) expect(quote, r.id).not.toContain('党校');
  });

  it('the five 党家 village branches and their links, and every step of the 小庄村 chain, are inferred; its kind is said to be ours', () => {
    for (const v of ['xidong', 'tuwu', 'xiangjia', 'zhaiertou', 'zhaike']) {
      const branch = `sz-${v}-village-branch`;
      expect(node(branch).basis).toBe('inferred');
      for (const r of links(branch)) expect(r.props.basis, r.id).toBe('inferred');
    }
    expect(link('sz-xiaozhuang-village', 'MEMBER_OF', 'sz-hongmeng-xingye-alliance').basis).toBe('inferred');
    expect(link('sz-xiaozhuang-village', 'PART_OF', 'sz-dougou-subdistrict').basis).toBe('inferred');
    expect(link('sz-xiaozhuang-village-organization', 'REPORTS_TO', 'sz-dougou-working-committee').basis).toBe('inferred');
    const organization = node('sz-xiaozhuang-village-organization');
    expect(organization.basis).toBe('inferred');
    expect(String(organization.basisNote)).toContain('kind');
  });
});

describe('E-5: HOLDS_POSITION is a post in an organization or village, never an honour or a district', () => {
  it('no one holds a post in a district or subdistrict; 李洪文’s honour is an honour; 李金凤’s unnamed community is a prop', () => {
    const placeKinds = new Map(graph.nodes.map((n) => [n.id, n.props.kind]));
    const inAreas = graph.relationships.filter(
      (r) => r.type === 'HOLDS_POSITION' && ['District', 'Subdistrict', 'City'].includes(String(placeKinds.get(r.to))),
    );
    expect(inAreas.map((r) => r.id)).toEqual([]);
    expect(links('lc-li-hongwen', 'HOLDS_POSITION')).toEqual([]);
    expect(links('lc-li-hongwen', 'HONOURED_WITH')).toHaveLength(1);
    expect(links('lc-li-jinfeng', 'HOLDS_POSITION')).toEqual([]);
    expect(node('lc-li-jinfeng').position).toContain('社区书记');
    expect(link('lc-liu-kai', 'HOLDS_POSITION', 'lc-zhujiazhuang-village').basis).toBe('inferred');
  });
});

describe('E-6: 乐山小区’s 社区综合党委', () => {
  it('covers the compound rather than governing it, and 001’s 乐山 ≟ 003’s 乐山小区 community is flagged for a person', () => {
    expect(links('sz-leshan-comprehensive-committee', undefined, 'sz-leshan-compound').map((r) => r.type)).toEqual(['COVERS']);
    const flagged = [node('sz-leshan-community'), node('sz-leshan-comprehensive-committee')].map((p) => String(p.toCheck ?? ''));
    expect(flagged.every((note) => note.startsWith('For a person to check') && note.includes('乐山小区'))).toBe(true);
  });
});

describe('E-7: kinds that fit', () => {
  it('the two 重点项目 are not enterprises; the 高新区 is marked a zone', () => {
    for (const id of ['lc-zhihuiling-tech-city', 'lc-jigang-aerospace-base']) {
      expect(node(id)).toMatchObject({ kind: 'IndustrialPark', projectType: '重点项目' });
    }
    expect(node('gx-gaoxin-district').zoneType).toBe('高新区');
  });
});

describe('E-9: the structural facts the reports state', () => {
  it('both 003 pilots (党家, 兴隆) set up a 党建联合体 and a 联合党委 in 2020; 004’s re-matching and 两新 committees; 002’s 专项小组', () => {
    for (const subdistrict of ['dangjia', 'xinglong']) {
      for (const metric of ['alliances', 'jointCommittees']) {
        const held = graph.claims.filter((c) => c.subject === `sz-${subdistrict}-working-committee` && c.props.metric === metric);
        expect(
          held.map((c) => [c.props.value, c.props.asOf]),
          `${subdistrict} ${metric}`,
        ).toEqual([[1, '2020-07-01']]);
      }
    }
    expect(String(claim('claim-gx-enterprise-village-pairing-readjustment').statement)).toContain('主营业务与村庄发展需求不匹配');
    expect(claim('claim-gx-subdistrict-two-new-committees').qualifier).toBe('atLeast');
    expect(node('lc-governance-working-group').kind).toBe('WorkingGroup');
  });
});

describe('E-10: relationships no sentence states', () => {
  it('济控股集团 has no seat; the links the review judged plausible are not “stated”', () => {
    expect(links('gx-jikong-group', 'LOCATED_IN')).toEqual([]);
    const judged: [string, string, string][] = [
      ['gx-jianjiafang-village', 'PART_OF', 'gx-gaoxin-district'],
      ['sz-chaoyixing-catering', 'LOCATED_IN', 'sz-shizhong-district'],
      ['sz-shandong-digital-industry-building', 'PART_OF', 'sz-ganshiqiao-subdistrict'],
      ['sz-chunyuanli-community', 'PART_OF', 'sz-ganshiqiao-subdistrict'],
      ['sz-xinping-village', 'PART_OF', 'sz-dougou-subdistrict'],
      // 001 names their produce among the alliance's 联产项目; that the villages are members is a reading (×3 with 小庄村).
      ['sz-damiaotun-village', 'MEMBER_OF', 'sz-hongmeng-xingye-alliance'],
      ['sz-xinping-village', 'MEMBER_OF', 'sz-hongmeng-xingye-alliance'],
      ['sz-xiaozhuang-village', 'MEMBER_OF', 'sz-hongmeng-xingye-alliance'],
      ['lc-lingang-economic-zone', 'PART_OF', 'lc-lugang-area'],
      ['lc-chief-chain-leader', 'HELD_WITHIN', 'lc-licheng-district-committee'],
      ['lc-property-industry-committee', 'REPORTS_TO', 'lc-licheng-district-committee'],
      ['sz-property-industry-committee', 'REPORTS_TO', 'sz-shizhong-district-committee'],
      ['gx-gaoxin-working-committee', 'RUNS', 'gx-sihe-shan-hub'],
    ];
    for (const [from, type, to] of judged) expect(link(from, type, to).basis, `${from} ${type} ${to}`).not.toBe('stated');
  });
});

describe('E-11: subjects and figures a reader must not misread', () => {
  it('1012 is flagged for a person and not compared; the claims held on a subject the sentence does not name say whose they are', () => {
    expect(String(claim('claim-sz-rectified-weak-organizations').toCheck)).toMatch(/^For a person to check/);
    // The claims check counts only the metrics list-claims names; this one gets no graph value to compare.
    expect(readFileSync(projectFile('cypher', 'entity', 'list-claims.cypher'), 'utf8')).not.toContain("'rectifiedWeakOrganizations'");
    const petitions = claim('claim-lc-gangjiu-years-without-petitions');
    expect([petitions.unit, petitions.subject]).toEqual(['years', 'lc-gangjiu-alliance']);
    expect(String(petitions.note)).toContain('九村');
    expect(String(claim('claim-lc-villages-doubled-income').note)).toContain('四大乡村振兴片区');
    expect(String(claim('claim-sz-rural-service-centre-minimum-area').note)).toContain('联合党委');
  });
});

describe('claims (review §3): approximations keep their qualifier', () => {
  it('every stated number written with 余, 近, 超, 突破 or 不少于 carries a qualifier', () => {
    const approximate = /\d余|[十百千万]余|余[名个人件]|近\d|超\d|突破\d|不少于\d/;
    const bare = graph.claims.filter((c) => approximate.test(String(c.props.statement)) && !c.props.qualifier).map((c) => c.id);
    expect(bare).toEqual([]);
    expect(graph.claims.filter((c) => c.props.qualifier).length).toBeGreaterThanOrEqual(19);
  });

  it('002’s 包揽前两名 is a claim and its 省级决赛二等奖 an honour the district holds, and the claim’s note says so', () => {
    expect(claim('claim-lc-community-worker-contest-top-places').value).toBe(2);
    expect(links('lc-licheng-district', 'HONOURED_WITH', 'lc-honour-provincial-vocational-contest-second-prize')).toHaveLength(1);
    expect(String(claim('claim-lc-community-worker-contest-top-places').note)).toContain(
      'lc-honour-provincial-vocational-contest-second-prize',
    );
  });
});

describe('place hierarchy check: every place lies in its own district', () => {
  it('each documented village, community, compound, building, park and 街道 reaches its district by PART_OF', () => {
    const partOf = new Map<string, string[]>();
    for (const r of graph.relationships.filter((r) => r.type === 'PART_OF')) partOf.set(r.from, [...(partOf.get(r.from) ?? []), r.to]);
    const reaches = (from: string, target: string, seen = new Set<string>()): boolean =>
      from === target || (!seen.has(from) && (partOf.get(from) ?? []).some((to) => reaches(to, target, seen.add(from))));
    const places = graph.nodes.filter((n) =>
      ['Village', 'Community', 'ResidentialCompound', 'CommercialBuilding', 'IndustrialPark', 'Subdistrict'].includes(String(n.props.kind)),
    );
    expect(places.length).toBeGreaterThan(60);
    const astray = places.filter((n) => !reaches(n.id, PREFIX_DISTRICT[n.id.split('-')[0]!]!)).map((n) => n.id);
    expect(astray).toEqual([]);
  });

  it('the 街道 the reports name are held, stated; where they name only the 区, the place sits directly in it', () => {
    const statedIn: Record<string, string[]> = {
      'lc-ganggou-subdistrict': ['lc-lunan-village'],
      'lc-baoshan-subdistrict': ['lc-jianjiadian-village', 'lc-qujia-village', 'lc-chengshizhiguang-community'],
      'lc-caishi-subdistrict': ['lc-dongquan-village', 'lc-yuhequan-village'],
      'lc-quanfu-subdistrict': ['lc-minghuihaoting-community', 'lc-minghuihaoting-compound'],
      'lc-dongfeng-subdistrict': ['lc-huaneng-community'],
      'sz-dangjia-subdistrict': [
        'sz-xidong-village',
        'sz-tuwu-village',
        'sz-xiangjia-village',
        'sz-zhaiertou-village',
        'sz-zhaike-village',
      ],
      'sz-dougou-subdistrict': ['sz-damiaotun-village'],
      'sz-ganshiqiao-subdistrict': ['sz-leshan-compound'],
      'sz-daguanyuan-subdistrict': ['sz-shandong-chamber-building'],
    };
    for (const [subdistrict, places] of Object.entries(statedIn)) {
      for (const place of places) expect(link(place, 'PART_OF', subdistrict).basis, place).toBe('stated');
    }
    const districtOnly = [
      'lc-zhujiazhuang-village',
      'lc-jianxin-community',
      'lc-huayuan-compound',
      'lc-baihua-park-community',
      'lc-xishanju-community',
      'lc-nanquanfu-community',
      'lc-yinjiaxiaozhuang-community',
      'lc-lengshuiquan-community',
      'sz-leshan-community',
      'sz-shunhua-community',
      'sz-muheyuan-community',
      'sz-jianxin-community',
      'sz-yingxiongshan-community',
      'gx-shunying-community',
      'gx-fenghuang-international-community',
      'gx-jianjiafang-village',
    ];
    for (const place of districtOnly) {
      expect(
        links(place, 'PART_OF').map((r) => r.to),
        place,
      ).toEqual([PREFIX_DISTRICT[place.split('-')[0]!]]);
    }
  });

  it('a place under a 街道 no sentence names is not “stated” there (石庙…鸡山坡, 春元里, 新平, 小庄村)', () => {
    for (const [from, to] of [
      ['lc-shimiao-village', 'lc-ganggou-subdistrict'],
      ['lc-jishanpo-village', 'lc-ganggou-subdistrict'],
      ['sz-chunyuanli-community', 'sz-ganshiqiao-subdistrict'],
      ['sz-xinping-village', 'sz-dougou-subdistrict'],
      ['sz-xiaozhuang-village', 'sz-dougou-subdistrict'],
    ] as const) {
      expect(link(from, 'PART_OF', to).basis, from).toBe('inferred');
    }
  });
});
