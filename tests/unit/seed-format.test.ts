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

const village = (id: string, name: string) => ({ id, kind: 'Village', name, sources: src });

describe('seed validation', () => {
  it('accepts a well-formed file and builds labelled records with provenance', () => {
    const graph = buildSeedGraph([
      {
        file: 'ok.yaml',
        data: {
          nodes: [
            village('sz-xidong-village', '西东村'),
            { id: 'sz-yufu-jc', kind: 'JointCommittee', name: '玉符泉源联合党委', sources: src },
          ],
          relationships: [{ type: 'COVERS', from: 'sz-yufu-jc', to: 'sz-xidong-village', sources: src }],
        },
      },
    ]);
    expect(graph.nodes[1]?.labels).toEqual(['Entity', 'Organization', 'JointCommittee']);
    expect(graph.nodes[0]?.props).toMatchObject({ sourceDocuments: [DOC], sourceQuotes: [QUOTE], synthetic: false });
    expect(graph.relationships[0]?.id).toBe('sz-yufu-jc|COVERS|sz-xidong-village');
  });

  it('names the record and field of a schema violation', () => {
    const problems = problemsOf({ nodes: [{ id: 'Bad Id', kind: 'Castle', name: '', sources: [] }] });
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
        { type: 'REPORTS_TO', from: 'sz-a-village', to: 'sz-missing', sources: src },
        { type: 'PART_OF', from: 'sz-a-village', to: 'sz-b-village', sources: src },
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
      nodes: [village('sz-a-village', '甲村'), { id: 'sz-co', kind: 'Enterprise', name: '某公司', sources: src }],
      pairings: [
        { id: 'sz-p1', kind: 'EnterpriseVillage', from: 'sz-a-village', to: 'sz-co', status: 'active', sources: src },
        { id: 'sz-p2', kind: 'EnterpriseVillage', from: 'sz-co', to: 'sz-a-village', status: 'ended', sources: src },
        {
          id: 'sz-p3',
          kind: 'EnterpriseVillage',
          from: 'sz-co',
          to: 'sz-a-village',
          status: 'ended',
          validFrom: '2024-02-01',
          validTo: '2024-01-01',
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
          nodes: [village('sz-a-village', '甲村'), { id: 'sz-jc', kind: 'JointCommittee', name: '联合党委', sources: src }],
          relationships: [
            { type: 'COVERS', from: 'sz-jc', to: 'sz-a-village', sources: src },
            { type: 'COVERS', from: 'sz-jc', to: 'sz-a-village', sources: [other] },
          ],
        },
      },
    ]);
    expect(graph.relationships).toHaveLength(1);
    expect(graph.relationships[0]?.props.sourceDocuments).toEqual([DOC, other.document]);
  });
});
