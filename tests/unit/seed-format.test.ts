/** The documented dataset's checks, on small files written here: each problem names file, record, field. */
import { describe, expect, it } from 'vitest';
import { buildSeedGraph, SeedError } from '../../data/read-seed.ts';

const DOC = '001_3eafe8dd0ef6123b.txt';
const QUOTE = '玉符泉源联合党委也悄然开启了党家街道西东、土屋、相家、寨而头、宅科5个村的发展新篇章。';
const src = [{ document: DOC, quote: QUOTE }];

function problemsOf(data: unknown, file = 'test.yaml') {
  try {
    buildSeedGraph([{ file, data }]);
  } catch (error) {
    if (error instanceof SeedError) return error.problems;
    throw error;
  }
  return [];
}

/** Fixture villages are not named in QUOTE, so they are marked inferred, as a real record would be. */
const village = (id: string, name: string) => ({ id, kind: 'Village', name, basis: 'inferred', basisNote: 'a test fixture', sources: src });
const stated = { basis: 'stated' };
const fixture = { basis: 'inferred', basisNote: 'a test fixture' };

describe('seed validation', () => {
  it('accepts a well-formed file and builds labelled records with provenance', () => {
    const graph = buildSeedGraph([
      {
        file: 'ok.yaml',
        data: {
          nodes: [
            { ...village('sz-xidong-village', '西东村'), ...stated, aliases: ['西东'] },
            { id: 'sz-yufu-jc', kind: 'JointCommittee', name: '玉符泉源联合党委', ...stated, sources: src },
          ],
          relationships: [{ type: 'COVERS', from: 'sz-yufu-jc', to: 'sz-xidong-village', ...stated, sources: src }],
        },
      },
    ]);
    expect(graph.nodes[1]?.labels).toEqual(['Entity', 'Organization', 'JointCommittee']);
    expect(graph.nodes[0]?.props).toMatchObject({ sourceDocuments: [DOC], sourceQuotes: [QUOTE], synthetic: false, basis: 'stated' });
    expect(graph.relationships[0]?.id).toBe('sz-yufu-jc|COVERS|sz-xidong-village');
  });

  it('names the record and field of a schema violation', () => {
    const problems = problemsOf({ nodes: [{ id: 'Bad Id', kind: 'Castle', name: '', basis: 'stated', sources: [] }] });
    const fields = problems.map((p) => `${p.file} ${p.record} ${p.field}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        'test.yaml nodes[0] (Bad Id) id',
        'test.yaml nodes[0] (Bad Id) kind',
        'test.yaml nodes[0] (Bad Id) name',
        'test.yaml nodes[0] (Bad Id) sources',
      ]),
    );
  });

  it('rejects a quote that is not word for word in its report', () => {
    const problems = problemsOf({
      nodes: [{ ...village('sz-x-village', '西东村'), sources: [{ document: DOC, quote: '这句话不在报道里。' }] }],
    });
    expect(problems).toEqual([
      { file: 'test.yaml', record: 'nodes[0] (sz-x-village)', field: 'sources[0].quote', reason: `not found word for word in ${DOC}` },
    ]);
  });

  it('rejects unknown reports, duplicate ids, dangling references and wrong categories', () => {
    const problems = problemsOf({
      nodes: [
        village('sz-a-village', '甲村'),
        village('sz-a-village', '甲村'),
        { ...village('sz-b-village', '乙村'), sources: [{ document: '009_0000000000000000.txt', quote: QUOTE }] },
      ],
      relationships: [
        { type: 'REPORTS_TO', from: 'sz-a-village', to: 'sz-missing', basis: 'inferred', basisNote: 'a test fixture', sources: src },
        { type: 'PART_OF', from: 'sz-a-village', to: 'sz-b-village', basis: 'inferred', basisNote: 'a test fixture', sources: src },
      ],
    });
    const reasons = problems.map((p) => `${p.record} ${p.field}: ${p.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        'nodes[1] (sz-a-village) id: duplicate id, first defined in test.yaml',
        'nodes[2] (sz-b-village) sources[0].document: no report named 009_0000000000000000.txt',
        'relationships[0] (sz-a-village REPORTS_TO sz-missing) from: sz-a-village is Place; allowed here: Organization',
        'relationships[0] (sz-a-village REPORTS_TO sz-missing) to: no node with id sz-missing',
      ]),
    );
    expect(reasons.some((r) => r.startsWith('relationships[1]'))).toBe(false);
  });

  it('checks pairings: allowed ends, an end date for ended ones, no end before start', () => {
    const problems = problemsOf({
      nodes: [village('sz-a-village', '甲村'), { ...village('sz-co', '某公司'), kind: 'Enterprise' }],
      pairings: [
        { id: 'sz-p1', kind: 'EnterpriseVillage', from: 'sz-a-village', to: 'sz-co', status: 'active', ...fixture, sources: src },
        { id: 'sz-p2', kind: 'EnterpriseVillage', from: 'sz-co', to: 'sz-a-village', status: 'ended', ...fixture, sources: src },
        {
          id: 'sz-p3',
          kind: 'EnterpriseVillage',
          from: 'sz-co',
          to: 'sz-a-village',
          status: 'ended',
          validFrom: '2024-02-01',
          validTo: '2024-01-01',
          basis: 'inferred',
          basisNote: 'a test fixture',
          sources: src,
        },
      ],
    });
    const reasons = problems.map((p) => `${p.record} ${p.field}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        'pairings[0] (sz-p1) from',
        'pairings[0] (sz-p1) to',
        'pairings[1] (sz-p2) validTo',
        'pairings[2] (sz-p3) validTo',
      ]),
    );
  });

  it('merges a fact stated in two reports into one relationship with both sources', () => {
    const other = { document: '003_8dbc739dccd2aad1.txt', quote: '建立党建联合体，成立联合党委' };
    const graph = buildSeedGraph([
      {
        file: 'two.yaml',
        data: {
          nodes: [village('sz-a-village', '甲村'), { id: 'sz-jc', kind: 'JointCommittee', name: '联合党委', ...stated, sources: src }],
          relationships: [
            { type: 'COVERS', from: 'sz-jc', to: 'sz-a-village', ...fixture, sources: src },
            { type: 'COVERS', from: 'sz-jc', to: 'sz-a-village', ...fixture, sources: [other] },
          ],
        },
      },
    ]);
    expect(graph.relationships).toHaveLength(1);
    expect(graph.relationships[0]?.props.sourceDocuments).toEqual([DOC, other.document]);
  });
});

describe('basis: how we know each record', () => {
  it('requires a basis on every record, and a basisNote on anything not stated', () => {
    const problems = problemsOf({
      nodes: [
        { id: 'sz-a-village', kind: 'Village', name: '西东村', sources: src },
        { id: 'sz-b-village', kind: 'Village', name: '乙村', basis: 'institutional', sources: src },
      ],
    });
    expect(problems.map((p) => `${p.record} ${p.field}`)).toEqual(['nodes[0] (sz-a-village) basis', 'nodes[1] (sz-b-village) basisNote']);
  });

  it('rejects a "stated" record whose quotes name neither it nor an alias, and a stated link that does not name both ends', () => {
    const problems = problemsOf({
      nodes: [
        { id: 'sz-a-village', kind: 'Village', name: '甲村', ...stated, sources: src },
        { id: 'sz-xidong-village', kind: 'Village', name: '西东村', ...stated, aliases: ['西东'], sources: src },
        { id: 'sz-jc', kind: 'JointCommittee', name: '玉符泉源联合党委', ...stated, sources: src },
      ],
      relationships: [
        { type: 'COVERS', from: 'sz-jc', to: 'sz-a-village', ...stated, sources: src },
        { type: 'COVERS', from: 'sz-jc', to: 'sz-xidong-village', ...stated, sources: src },
      ],
    });
    expect(problems.map((p) => `${p.record} ${p.field}`)).toEqual([
      'nodes[0] (sz-a-village) basis',
      'relationships[0] (sz-jc COVERS sz-a-village) basis',
    ]);
    expect(problems[0]?.reason).toContain('no quote names 甲村');
  });

  it('takes a district’s facts from that district’s reports only (the review: no fact attributed to the wrong district)', () => {
    const licheng = { document: '000_b9b39bc892037770.txt', quote: '唐王街道被评为全国“乡村特色产业十亿元镇”' };
    const problems = problemsOf({
      nodes: [
        { id: 'lc-xidong-village', kind: 'Village', name: '西东村', ...fixture, sources: src },
        { id: 'sz-xidong-village', kind: 'Village', name: '西东村', ...fixture, sources: src },
        { id: 'jn-somewhere', kind: 'Village', name: '某村', ...fixture, sources: [licheng, ...src] },
        { id: 'lc-tangwang-subdistrict', kind: 'Subdistrict', name: '唐王街道', ...fixture, sources: [licheng] },
      ],
      relationships: [
        { type: 'PART_OF', from: 'sz-xidong-village', to: 'lc-tangwang-subdistrict', ...fixture, sources: src },
        { type: 'PART_OF', from: 'sz-xidong-village', to: 'jn-somewhere', ...fixture, sources: [licheng] },
        { type: 'PART_OF', from: 'jn-somewhere', to: 'lc-tangwang-subdistrict', ...fixture, sources: [licheng] },
      ],
      claims: [
        {
          id: 'claim-lc-villages',
          subject: 'lc-tangwang-subdistrict',
          metric: 'villages',
          value: 5,
          unit: 'count',
          statement: '宅科5个村',
          ...stated,
          sources: src,
        },
      ],
    });
    expect(problems.map((p) => `${p.record} ${p.field}: ${p.reason}`)).toEqual([
      `nodes[0] (lc-xidong-village) sources[0].document: ${DOC} is a 市中区 report; a 历城区 record cites 历城区's reports`,
      `relationships[1] (sz-xidong-village PART_OF jn-somewhere) sources[0].document: 000_b9b39bc892037770.txt is a 历城区 report; a 市中区 record cites 市中区's reports`,
      `claims[0] (claim-lc-villages) sources[0].document: ${DOC} is a 市中区 report; a 历城区 record cites 历城区's reports`,
    ]);
  });

  it('counts a report’s own district as named in every sentence of it', () => {
    const graph = buildSeedGraph([
      {
        file: 'district.yaml',
        data: {
          nodes: [
            { id: 'sz-district', kind: 'District', name: '市中区', ...stated, sources: src },
            { ...village('sz-xidong-village', '西东村'), ...stated, aliases: ['西东'] },
          ],
          relationships: [{ type: 'PART_OF', from: 'sz-xidong-village', to: 'sz-district', ...stated, sources: src }],
        },
      },
    ]);
    expect(graph.relationships[0]?.props.basis).toBe('stated');
  });
});

describe('time: every claim and position has an asOf', () => {
  const yufu = { id: 'sz-jc', kind: 'JointCommittee', name: '玉符泉源联合党委', ...stated, sources: src };
  const claim = (id: string, extra: Record<string, unknown>) => ({
    id,
    subject: 'sz-jc',
    metric: 'villages',
    value: 5,
    unit: 'count',
    statement: '宅科5个村',
    ...stated,
    sources: src,
    ...extra,
  });

  it('dates a claim by its report unless the text gives its own date', () => {
    const graph = buildSeedGraph([
      {
        file: 'claims.yaml',
        data: {
          nodes: [yufu],
          claims: [
            claim('claim-sz-a', {}),
            claim('claim-sz-b', { metric: 'other', asOf: '2023' }),
            claim('claim-sz-c', { metric: 'third', asOf: '../2024', qualifier: 'over' }),
          ],
        },
      },
    ]);
    // 001 is undated: summer 2024, so its default is the period 2024-05/2024-12.
    expect(graph.claims.map((c) => [c.props.asOf, c.props.asOfFrom, c.props.asOfTo])).toEqual([
      ['2024-05/2024-12', '2024-05-01', '2024-12-31'],
      ['2023', '2023-01-01', '2023-12-31'],
      ['../2024', '2024-01-01', '2024-12-31'],
    ]);
    expect(graph.claims[2]?.props.qualifier).toBe('over');
  });

  it('rejects a malformed asOf, and a claim statement that is not in its quote', () => {
    const malformed = problemsOf({ nodes: [yufu], claims: [claim('claim-sz-a', { asOf: '2024-13' })] });
    expect(malformed.map((p) => `${p.record} ${p.field}`)).toEqual(['claims[0] (claim-sz-a) asOf']);
    const misquoted = problemsOf({ nodes: [yufu], claims: [claim('claim-sz-b', { statement: '宅科6个村' })] });
    expect(misquoted.map((p) => `${p.record} ${p.field}`)).toEqual(['claims[0] (claim-sz-b) statement']);
  });

  it('rejects a stated claim whose value is not the number its statement writes (1.5万, 七成, 百余 read as numbers)', () => {
    const stated = (id: string, value: number, statement: string, quote: string) =>
      claim(id, { metric: `m${id.slice(-1)}`, value, statement, sources: [{ document: '002_cf01095a236c5af1.txt', quote }] });
    const lunan =
      '芦南村二十年如一日,关矿封山、造林万亩,硬是把“秃岭”变成“绿肺”;“党支部+合作社+企业”三位一体,让生态价值转化为真金白银,游客量突破40万人次,营业收入超4000万元。';
    const share = '鲍山街道城市之光社区,这个外来人口占比七成的“年轻社区”,曾面临空间利用率低、服务供需错配的阵痛。';
    const problems = problemsOf({
      nodes: [yufu],
      claims: [
        stated('claim-lc-a', 400000, '游客量突破40万人次', lunan),
        stated('claim-lc-b', 10000, '造林万亩', lunan),
        stated('claim-lc-c', 70, '外来人口占比七成', share),
        stated('claim-lc-d', 4000, '营业收入超4000万元', lunan),
        stated('claim-lc-e', 7, '外来人口占比七成', share),
        // A body the sentence says was set up, with no number: one.
        stated('claim-lc-f', 1, '关矿封山', lunan),
      ],
    });
    expect(problems.map((p) => `${p.record} ${p.field}: ${p.reason}`)).toEqual([
      'claims[3] (claim-lc-d) value: 4000 is not a number the statement writes (it writes 4000万 = 40000000)',
      'claims[4] (claim-lc-e) value: 7 is not a number the statement writes (it writes 七成 = 70)',
    ]);
  });

  it('accepts words left out (……) in a statement, in order only', () => {
    expect(problemsOf({ nodes: [yufu], claims: [claim('claim-sz-a', { statement: '玉符泉源……宅科5个村' })] })).toEqual([]);
    expect(problemsOf({ nodes: [yufu], claims: [claim('claim-sz-a', { statement: '宅科5个村……玉符泉源' })] })).toHaveLength(1);
  });

  it('needs supersedes between two claims on one subject and metric, pointing at an earlier claim on the same metric', () => {
    const unordered = problemsOf({ nodes: [yufu], claims: [claim('claim-sz-a', {}), claim('claim-sz-b', {})] });
    expect(unordered.map((p) => `${p.record} ${p.field}: ${p.reason}`)).toEqual([
      'claims[1] (claim-sz-b) supersedes: claim-sz-a states the same subject and metric: say which supersedes which',
    ]);
    expect(
      problemsOf({ nodes: [yufu], claims: [claim('claim-sz-a', { asOf: '2020' }), claim('claim-sz-b', { supersedes: 'claim-sz-a' })] }),
    ).toEqual([]);
    const backwards = problemsOf({
      nodes: [yufu],
      claims: [claim('claim-sz-a', {}), claim('claim-sz-b', { asOf: '2020', supersedes: 'claim-sz-a' })],
    });
    expect(backwards.map((p) => p.reason)).toEqual(['claim-sz-a is later (2024-05-01)']);
  });

  it('gives a position the report’s date', () => {
    const graph = buildSeedGraph([
      {
        file: 'positions.yaml',
        data: {
          nodes: [yufu, { id: 'sz-person', kind: 'Person', name: '某人', ...fixture, sources: src }],
          relationships: [{ type: 'HOLDS_POSITION', from: 'sz-person', to: 'sz-jc', ...fixture, sources: src }],
        },
      },
    ]);
    expect(graph.relationships[0]?.props).toMatchObject({ asOf: '2024-05/2024-12', asOfFrom: '2024-05-01' });
  });
});
