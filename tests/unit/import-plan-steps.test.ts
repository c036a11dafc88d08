/**
 * The import's planning steps without a database (data/exchange/import-checks.ts, import-scope.ts,
 * import-writes.ts): planImport reads the graph once and hands these pure steps what it read. Tiny
 * named fixtures: a subdistrict committee `sw`, a joint committee `jc` reporting to it, a branch `b1`
 * reporting to `jc`, villages and an enterprise.
 */
import { describe, expect, it } from 'vitest';
import type { StoredEntity, StoredPairing } from '../../data/exchange/graph-view.ts';
import {
  checkEntityRows,
  checkPairingRows,
  findCycles,
  findDuplicates,
  findPairingOverlaps,
  type Known,
  Problems,
  storedParents,
} from '../../data/exchange/import-checks.ts';
import { areaCheck } from '../../data/exchange/import-scope.ts';
import { planEntityRow, planPairingRow } from '../../data/exchange/import-writes.ts';
import type { EntityRow, PairingRow } from '../../data/exchange/parse-rows.ts';
import { KINDS, type Kind } from '../../schema/model.ts';

const source = { document: 'new.csv', quote: 'new.csv 第2行' };

function entity(id: string, kind: Kind, extra: Partial<EntityRow> = {}, row = 2): EntityRow {
  const category = KINDS[kind].category;
  const template = kind === 'Person' ? 'people' : category === 'Place' ? 'places' : 'organizations';
  return {
    template,
    origin: { file: 'new.csv', row },
    id,
    kind,
    name: `${id}-name`,
    nameEn: null,
    parentId: null,
    governsPlaceId: null,
    locatedInId: null,
    positionAtId: null,
    title: null,
    source,
    ...extra,
  };
}

function pairing(id: string, extra: Partial<PairingRow> = {}, row = 2): PairingRow {
  return {
    template: 'pairings',
    origin: { file: 'p.csv', row },
    id,
    kind: 'EnterpriseVillage',
    partnerId: 'ent',
    targetId: 'v1',
    programme: null,
    status: null,
    validFrom: null,
    validTo: null,
    reason: null,
    source,
    ...extra,
  };
}

function stored(id: string, kind: Kind, links: { type: string; to: string }[] = [], props: Record<string, unknown> = {}): StoredEntity {
  return {
    id,
    labels: ['Entity', KINDS[kind].category, kind],
    props: { id, kind, name: `${id}-stored`, sourceDocuments: ['000_a.txt'], sourceQuotes: ['旧句'], ...props },
    links,
  };
}

const graph = new Map<string, StoredEntity>([
  ['sw', stored('sw', 'SubdistrictWorkingCommittee')],
  ['jc', stored('jc', 'JointCommittee', [{ type: 'REPORTS_TO', to: 'sw' }])],
  ['b1', stored('b1', 'Branch', [{ type: 'REPORTS_TO', to: 'jc' }])],
  ['v1', stored('v1', 'Village')],
  ['v2', stored('v2', 'Village')],
  ['ent', stored('ent', 'Enterprise')],
]);

const known = (rows: EntityRow[] = [], rejected?: Known['rejected']): Known => ({
  stored: graph,
  firstOf: new Map(rows.map((r) => [r.id, r])),
  rejected,
});

const codes = (problems: Problems) => problems.issues.map((i) => [i.row, i.code, i.column]);

describe('findDuplicates', () => {
  it('refuses a second row of an id, but lets a person come back with another position under the same name', () => {
    const problems = new Problems();
    const rows = [
      entity('b9', 'Branch', {}, 2),
      entity('b9', 'Branch', {}, 3),
      entity('p1', 'Person', { positionAtId: 'b1', title: '书记' }, 4),
      entity('p1', 'Person', { positionAtId: 'jc', title: '委员' }, 5),
      entity('p1', 'Person', { positionAtId: 'jc', title: '委员' }, 6),
      entity('p1', 'Person', { name: '别名', positionAtId: 'sw', title: '委员' }, 7),
    ];
    const pairings = [pairing('pr1', {}, 2), pairing('pr1', {}, 3)];
    const { firstOf, pairingFirst } = findDuplicates(rows, pairings, problems);
    expect(codes(problems)).toEqual([
      [3, 'DUPLICATE_ID', '组织编号'],
      [6, 'DUPLICATE_ID', '人员编号'],
      [7, 'BAD_VALUE', '姓名'],
      [3, 'DUPLICATE_ID', '结对编号'],
    ]);
    expect(problems.issues[0]!.message).toBe('b9 is already given by new.csv row 2');
    expect([...problems.bad]).toEqual([rows[1], rows[4], rows[5], pairings[1]]);
    expect(firstOf.get('p1')).toBe(rows[2]);
    expect([...pairingFirst.keys()]).toEqual(['pr1']);
  });
});

describe('checkEntityRows', () => {
  it('refuses a changed kind, a missing reference (naming a dropped row) and a reference of the wrong kind', () => {
    const problems = new Problems();
    const rows = [
      entity('jc', 'Branch', { parentId: 'sw' }, 2),
      entity('b2', 'Branch', { parentId: 'gone' }, 3),
      entity('b3', 'Branch', { parentId: 'dropped' }, 4),
      entity('b4', 'Branch', { parentId: 'jc', governsPlaceId: 'ent' }, 5),
      entity('b5', 'Branch', { parentId: 'b4', governsPlaceId: 'v1' }, 6),
    ];
    checkEntityRows(rows, known(rows, new Map([['dropped', { file: 'new.csv', row: 9 }]])), problems);
    expect(codes(problems)).toEqual([
      [2, 'KIND_CHANGED', '类型'],
      [3, 'UNKNOWN_REFERENCE', '上级组织编号'],
      [4, 'UNKNOWN_REFERENCE', '上级组织编号'],
      [5, 'WRONG_KIND', '管辖地点编号'],
    ]);
    expect(problems.issues.map((i) => i.message)).toEqual([
      'jc-stored (jc, JointCommittee) exists; its kind stays JointCommittee',
      'gone is neither in the graph nor in this import',
      'dropped is not in the graph, and its row in this import (new.csv row 9) has problems',
      'must be Place; ent-stored (ent, Enterprise) is not',
    ]);
    // b5 hangs from b4, a row of this import: known by the file, so accepted.
    expect(problems.bad.has(rows[4]!)).toBe(false);
  });
});

describe('findCycles', () => {
  it('refuses a move under one of its own descendants, over the hierarchy as it will be', () => {
    const problems = new Problems();
    const moveSw = entity('sw', 'SubdistrictWorkingCommittee', { parentId: 'b1' });
    const newUnderB1 = entity('b9', 'Branch', { parentId: 'b1' }, 3);
    const rows = [moveSw, newUnderB1];
    const upLinks = storedParents([{ child: 'b1', parent: 'jc' }], graph);
    expect(upLinks.get('jc')).toEqual(['sw']);
    findCycles(rows, known(rows), upLinks, problems);
    expect(codes(problems)).toEqual([[2, 'CYCLE', '上级组织编号']]);
    expect(problems.issues[0]!.message).toBe(
      'b1-stored (b1, Branch) lies under sw-name (b1-stored → jc-stored → sw-name): sw-name cannot be put under it',
    );
    expect(problems.bad.has(newUnderB1)).toBe(false);
  });
});

describe('pairing checks', () => {
  const storedPairing: StoredPairing = {
    id: 'pr1',
    partnerId: 'ent',
    targetId: 'v1',
    props: { id: 'pr1', kind: 'EnterpriseVillage', status: 'ended', validFrom: '2020-01-01', validTo: '2021-01-01' },
  };

  it('keep a stored pairing’s ends, never make an ended one active, and need an end after the start', () => {
    const problems = new Problems();
    const rows = [
      pairing('pr1', { targetId: 'v2', status: 'active' }, 2),
      pairing('pr1', { validTo: '2019-06-01' }, 3),
      pairing('pr2', { partnerId: 'v2' }, 4),
      pairing('pr3', {}, 5),
    ];
    checkPairingRows(rows, known(), new Map([['pr1', storedPairing]]), problems);
    expect(codes(problems)).toEqual([
      [2, 'PAIRING_ENDS_CHANGED', '结对编号'],
      [2, 'BAD_VALUE', '状态'],
      [3, 'BAD_VALUE', '结束日期'],
      [4, 'WRONG_KIND', '结对方编号'],
    ]);
    expect(problems.issues[0]!.message).toContain('stored with target v1');
    expect([...problems.bad]).toEqual(rows.slice(0, 3));
  });

  it('count a stored pairing with an end date as ended, whatever its status says (as the mutations do)', () => {
    const problems = new Problems();
    const dated: StoredPairing = { ...storedPairing, props: { ...storedPairing.props, status: 'active' } };
    const rows = [pairing('pr1', { status: 'active' }, 2)];
    checkPairingRows(rows, known(), new Map([['pr1', dated]]), problems);
    expect(codes(problems)).toEqual([[2, 'BAD_VALUE', '状态']]);
  });

  it('refuse two spans of the same kind and ends that overlap; a row replaces its own stored span', () => {
    const problems = new Problems();
    const spans = [
      { id: 'pr1', kind: 'EnterpriseVillage', partnerId: 'ent', targetId: 'v1', validFrom: '2020-01-01', validTo: '2021-01-01' },
    ];
    const rows = [
      pairing('pr2', { validFrom: '2020-06-01' }, 2), // open-ended: would overlap pr1 as stored
      pairing('pr3', { targetId: 'v2', validFrom: '2020-06-01' }, 3), // other ends
      pairing('pr1', { validTo: '2020-03-01' }, 4), // pr1 now ends before pr2 starts
    ];
    findPairingOverlaps(rows, new Map([['pr1', storedPairing]]), spans, problems);
    expect(codes(problems)).toEqual([]);

    const clash = new Problems();
    findPairingOverlaps([pairing('pr2', { validFrom: '2020-06-01' })], new Map(), spans, clash);
    expect(codes(clash)).toEqual([[2, 'PAIRING_OVERLAP', '开始日期']]);
    expect(clash.issues[0]!.message).toBe(
      'ent and v1 have EnterpriseVillage pairing pr1 (2020-01-01 to 2021-01-01), which overlaps 2020-06-01 to …',
    );
  });
});

describe('areaCheck', () => {
  // The editor's area holds jc and what lies under it; sw lies outside.
  const outside = new Set(['sw', 'v2', 'ent']);
  const touched = new Set(graph.keys());
  const check = (rows: EntityRow[], problems = new Problems()) => ({
    problems,
    area: areaCheck({ known: known(rows), scope: 'jc', touched, outside, positions: new Map(), entityRows: rows }, problems),
  });

  it('places a new entity by what it hangs from, a new person by its positions', () => {
    const rows = [
      entity('b9', 'Branch', { parentId: 'jc' }),
      entity('b8', 'Branch', { parentId: 'sw' }),
      entity('u1', 'Enterprise'),
      entity('p1', 'Person', { positionAtId: 'b9', title: '书记' }),
    ];
    const { area } = check(rows);
    expect(['jc', 'sw', 'b9', 'b8', 'u1', 'p1'].map(area.inScope)).toEqual([true, false, true, false, false, true]);
  });

  it('names the first field reaching outside: the entity changed, a new link, or the parent a move leaves', () => {
    const rows = [
      entity('sw', 'SubdistrictWorkingCommittee', { name: 'renamed' }, 2),
      entity('b1', 'Branch', { parentId: 'jc', governsPlaceId: 'v2' }, 3),
      entity('jc', 'JointCommittee', { parentId: 'b1' }, 4),
      entity('b1', 'Branch', { parentId: 'jc', governsPlaceId: 'v1' }, 5),
    ];
    const { area, problems } = check(rows);
    expect(rows.map((row) => area.outsideOf(row)?.filter(Boolean).join(' | ') ?? null)).toEqual([
      'id | sw',
      'governsPlaceId | v2',
      'parentId | sw | jc lies under it now; moving it',
      null, // the parent link restated as stored is not checked
    ]);
    expect(area.refused(rows[2]!)).toBe(true);
    expect(problems.issues[0]!.message).toBe(
      // Named as the import leaves it: row 2 renames sw.
      'jc lies under it now; moving it ends a link to renamed (sw, SubdistrictWorkingCommittee) is outside your area jc',
    );
  });

  it('checks nothing without an area', () => {
    const problems = new Problems();
    const area = areaCheck({ known: known(), scope: null, touched, outside: null, positions: new Map(), entityRows: [] }, problems);
    expect(area.outsideOf(entity('sw', 'SubdistrictWorkingCommittee'))).toBeNull();
    expect(area.inScope('sw')).toBe(true);
  });
});

describe('planEntityRow', () => {
  it('creates a new entity with its provenance and parent link', () => {
    const step = planEntityRow(entity('b9', 'Branch', { parentId: 'jc', governsPlaceId: 'v1' }), undefined, undefined, true);
    expect(step.action).toBe('importCreate');
    expect(step.before).toBeNull();
    expect(step.writes.createNodes).toEqual([
      {
        labels: ['Entity', 'Organization', 'Branch'],
        props: {
          id: 'b9',
          kind: 'Branch',
          name: 'b9-name',
          synthetic: false,
          sourceDocuments: ['new.csv'],
          sourceQuotes: ['new.csv 第2行'],
        },
      },
    ]);
    expect(step.writes.links.map((l) => l.id)).toEqual(['b9|REPORTS_TO|jc', 'b9|GOVERNS|v1']);
    expect(step.after).toMatchObject({ parentIds: ['jc'], governsPlaceId: 'v1' });
  });

  it('writes nothing for a row that restates what is stored', () => {
    const row = entity('b1', 'Branch', { name: 'b1-stored', parentId: 'jc' });
    const step = planEntityRow(row, graph.get('b1'), undefined, true);
    expect(step.action).toBeNull();
    expect(Object.values(step.writes).flat()).toEqual([]);
  });

  it('updates what differs, adding the row’s source, and moves on a new parent', () => {
    const step = planEntityRow(entity('b1', 'Branch', { name: '新名', parentId: 'sw' }), graph.get('b1'), undefined, true);
    expect(step.action).toBe('importMove');
    expect(step.writes.updateNodes).toEqual([
      { id: 'b1', props: { name: '新名', sourceDocuments: ['000_a.txt', 'new.csv'], sourceQuotes: ['旧句', 'new.csv 第2行'] } },
    ]);
    expect(step.writes.deleteParentLinks).toEqual([{ id: 'b1', type: 'REPORTS_TO' }]);
    expect(step.writes.links.map((l) => l.id)).toEqual(['b1|REPORTS_TO|sw']);
    expect(step.before).toMatchObject({ parentIds: ['jc'] });
    expect(step.after).toMatchObject({ name: '新名', parentIds: ['sw'] });
  });

  it('adds a person’s position, or updates its title; a later row of the person writes its position only', () => {
    const row = entity('p1', 'Person', { positionAtId: 'b1', title: '书记' });
    const added = planEntityRow(row, undefined, undefined, false);
    expect(added.action).toBe('importUpdate');
    expect(added.writes.createNodes).toEqual([]);
    expect(added.writes.links).toEqual([
      {
        id: 'p1|HOLDS_POSITION|b1',
        type: 'HOLDS_POSITION',
        from: 'p1',
        to: 'b1',
        props: {
          id: 'p1|HOLDS_POSITION|b1',
          synthetic: false,
          title: '书记',
          sourceDocuments: ['new.csv'],
          sourceQuotes: ['new.csv 第2行'],
        },
      },
    ]);
    const retitled = planEntityRow(
      row,
      stored('p1', 'Person'),
      { title: '副书记', sourceDocuments: ['000_a.txt'], sourceQuotes: ['旧句'] },
      false,
    );
    expect(retitled.writes.links[0]!.props).toEqual({
      title: '书记',
      sourceDocuments: ['000_a.txt', 'new.csv'],
      sourceQuotes: ['旧句', 'new.csv 第2行'],
    });
    expect(planEntityRow(row, stored('p1', 'Person'), { title: '书记' }, false).action).toBeNull();
  });
});

describe('planPairingRow', () => {
  const existing: StoredPairing = {
    id: 'pr1',
    partnerId: 'ent',
    targetId: 'v1',
    props: { id: 'pr1', kind: 'EnterpriseVillage', status: 'active', programme: '万人下乡' },
  };

  it('creates a pairing, active unless the row says otherwise', () => {
    const step = planPairingRow(pairing('pr9', { programme: '千村提升' }), undefined);
    expect(step.action).toBe('importCreate');
    expect(step.writes.links).toEqual([
      {
        id: 'pr9',
        type: 'PAIRED_WITH',
        from: 'ent',
        to: 'v1',
        props: {
          id: 'pr9',
          kind: 'EnterpriseVillage',
          status: 'active',
          programme: '千村提升',
          synthetic: false,
          sourceDocuments: ['new.csv'],
          sourceQuotes: ['new.csv 第2行'],
        },
      },
    ]);
    expect(step.after).toMatchObject({ partnerId: 'ent', targetId: 'v1' });
  });

  it('writes only what differs from the stored pairing, and nothing when nothing does', () => {
    expect(planPairingRow(pairing('pr1', { programme: '万人下乡', status: 'active' }), existing).action).toBeNull();
    const ended = planPairingRow(pairing('pr1', { programme: '万人下乡', status: 'ended', validTo: '2024-01-01' }), existing);
    expect(ended.action).toBe('importUpdate');
    expect(ended.writes.links[0]!.props).toEqual({
      status: 'ended',
      validTo: '2024-01-01',
      sourceDocuments: ['new.csv'],
      sourceQuotes: ['new.csv 第2行'],
    });
    expect(ended.before).toMatchObject({ status: 'active', partnerId: 'ent' });
    expect(ended.after).toMatchObject({ status: 'ended', validTo: '2024-01-01', programme: '万人下乡' });
  });
});
