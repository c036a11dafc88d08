/**
 * Area history on a fixture graph of its own (prefix tah): pairings planted through the mutations
 * (started with a report sentence, re-matched, ended) beside the fixture's documented ones; coverage
 * on both dates per kind; a move from the change log; changes filtered by area; the export as CSV and
 * xlsx with Chinese headers, the dates and the filter in the file.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { authHeaders, gql } from '../helpers/app.ts';
import { withFixtureApp } from '../helpers/fixture.ts';

const P = 'tah';
const fixture = withFixtureApp(P);
const { id } = fixture;
const TODAY = new Date().toISOString().slice(0, 10);
const DOCUMENT = '区委组织部〔2024〕12号';
const QUOTE = `${P}乙公司与${P}v3村开展企业联村`;

async function ok<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await gql<T>(fixture.app, query, variables);
  expect(result.errors, result.errors?.[0]?.message).toBeUndefined();
  return result.data!;
}

let v3Pairing = '';
let rematchedPairing = '';

beforeAll(async () => {
  // On v3 (甲街道): started 2024-09-01 with a report sentence, ended 2025-05-31.
  const started = await ok<{ startPairing: { id: string } }>(
    `mutation($source: SourceInput) { startPairing(input: { kind: EnterpriseVillage, partnerId: "${id('e2')}", targetId: "${id('v3')}",
       validFrom: "2024-09-01", reason: "新结对", source: $source }) { id } }`,
    { source: { document: DOCUMENT, quote: QUOTE } },
  );
  v3Pairing = started.startPairing.id;
  // p1 (e1 → v1 since 2024-01-01) re-matched to e2 on 2025-03-01.
  const rematched = await ok<{ rematchPairing: { id: string } }>(
    `mutation { rematchPairing(id: "${id('p1')}", newPartnerId: "${id('e2')}", date: "2025-03-01", reason: "主营业务与村庄发展需求不匹配") { id } }`,
  );
  rematchedPairing = rematched.rematchPairing.id;
  await ok(`mutation { endPairing(id: "${v3Pairing}", validTo: "2025-05-31", reason: "企业经营调整") { id } }`);
  // b3 (the v3 branch) moves from the joint committee to 乙街道党工委.
  await ok(`mutation { moveOrganization(id: "${id('b3')}", newParentId: "${id('sw2')}", reason: "调整隶属") { id } }`);
});

const HISTORY = `
  area { id name } from to
  coverage { kind pairedChange rateChange before { asOf villages paired rate } after { asOf villages paired rate } }
  started { ...Event } ended { ...Event } rematched { ...Event }
  moves { organization { id } from { id name } to { id name } change { at actor action reason before after } }`;
const EVENT = `fragment Event on PairingEvent {
  date reason source { document quote }
  pairing { id kind validFrom validTo replaces partner { id } target { id } }
  replaced { id partner { id } validTo }
  change { action actor at }
}`;

interface Event {
  date: string;
  reason: string | null;
  source: { document: string; quote: string } | null;
  pairing: {
    id: string;
    validFrom: string | null;
    validTo: string | null;
    replaces: string | null;
    partner: { id: string };
    target: { id: string };
  };
  replaced: { id: string; partner: { id: string }; validTo: string } | null;
  change: { action: string; actor: string | null; at: string } | null;
}
interface History {
  area: { id: string; name: string };
  from: string;
  to: string;
  coverage: {
    kind: string;
    pairedChange: number;
    rateChange: number | null;
    before: { asOf: string; villages: number; paired: number; rate: number | null };
    after: { asOf: string; villages: number; paired: number; rate: number | null };
  }[];
  started: Event[];
  ended: Event[];
  rematched: Event[];
  moves: {
    organization: { id: string };
    from: { id: string; name: string }[];
    to: { id: string; name: string }[];
    change: { at: string; actor: string | null; action: string; reason: string | null; before: string; after: string };
  }[];
}

const history = async (area: string, from: string, to: string | null) =>
  (
    await ok<{ areaHistory: History }>(
      `query($area: String!, $from: String!, $to: String) { areaHistory(area: $area, from: $from, to: $to) { ${HISTORY} } } ${EVENT}`,
      { area, from, to },
    )
  ).areaHistory;

describe('Query.areaHistory', () => {
  it('gives coverage on both dates per kind, and the pairings started, ended and re-matched in between', async () => {
    const h = await history(id('district'), '2024-06-01', '2025-04-30');
    expect(h).toMatchObject({ area: { id: id('district') }, from: '2024-06-01', to: '2025-04-30' });

    // 2024-06-01: v1 (p1) and v2 (p2, until 06-30) of 8 villages; 2025-04-30: v1 (re-matched), v3, v6.
    const ev = h.coverage.find((c) => c.kind === 'EnterpriseVillage')!;
    expect(ev.before).toEqual({ asOf: '2024-06-01', villages: 8, paired: 2, rate: 2 / 8 });
    expect(ev.after).toEqual({ asOf: '2025-04-30', villages: 8, paired: 3, rate: 3 / 8 });
    expect(ev.pairedChange).toBe(1);
    expect(ev.rateChange).toBeCloseTo(1 / 8);
    expect(h.coverage.map((c) => c.kind).sort()).toEqual(['CommunityVillage', 'EnterpriseVillage', 'UnitCommunity']);
    expect(h.coverage.find((c) => c.kind === 'UnitCommunity')!.before).toMatchObject({ villages: 1, paired: 0 });

    // Started: the documented p3 (no change entry) and the planted v3 pairing with its report sentence.
    const started = new Map(h.started.map((e) => [e.pairing.id, e]));
    expect([...started.keys()].sort()).toEqual([id('p3'), v3Pairing].sort());
    expect(started.get(id('p3'))).toMatchObject({ date: '2025-01-01', change: null, source: { document: 'test-fixture' } });
    expect(started.get(v3Pairing)).toMatchObject({
      date: '2024-09-01',
      reason: '新结对',
      source: { document: DOCUMENT, quote: QUOTE },
      change: { action: 'startPairing' },
    });
    expect(started.get(v3Pairing)!.change!.actor).toBeTruthy();

    // Ended: the documented p2 with its reason; p1's end is told once, as the re-match.
    expect(h.ended.map((e) => e.pairing.id)).toEqual([id('p2')]);
    expect(h.ended[0]).toMatchObject({ date: '2024-06-30', reason: '主营业务与村庄发展需求不匹配', change: null });

    expect(h.rematched).toHaveLength(1);
    expect(h.rematched[0]).toMatchObject({
      date: '2025-03-01',
      reason: '主营业务与村庄发展需求不匹配',
      pairing: { id: rematchedPairing, replaces: id('p1'), partner: { id: id('e2') }, target: { id: id('v1') } },
      replaced: { id: id('p1'), partner: { id: id('e1') }, validTo: '2025-02-28' },
      change: { action: 'rematchPairing' },
      // The re-match was given no document: no report sentence, the change entry says who and when.
      source: null,
    });
    // The move happened today, outside this interval.
    expect(h.moves).toEqual([]);
  });

  it('lists the moves from the change log with old and new parent, and ends within the interval', async () => {
    const h = await history(id('district'), '2025-05-01', null);
    expect(h.to).toBe(TODAY);
    expect(h.ended.map((e) => e.pairing.id)).toEqual([v3Pairing]);
    expect(h.ended[0]).toMatchObject({ date: '2025-05-31', reason: '企业经营调整', change: { action: 'endPairing' } });
    expect(h.started).toEqual([]);
    expect(h.moves).toHaveLength(1);
    const [move] = h.moves;
    expect(move).toMatchObject({
      organization: { id: id('b3') },
      from: [{ id: id('jc'), name: `${P}联合党委` }],
      to: [{ id: id('sw2'), name: `${P}乙街道党工委` }],
      change: { action: 'moveOrganization', reason: '调整隶属' },
    });
    expect(JSON.parse(move!.change.before).parentIds).toEqual([id('jc')]);
    expect(move!.change.at.slice(0, 10)).toBe(TODAY);
  });

  it('keeps to the area: 乙街道 has p3 and the move into it, not 甲街道’s pairings', async () => {
    const h = await history(id('sub2'), '2024-01-01', null);
    expect(h.started.map((e) => e.pairing.id)).toEqual([id('p3')]);
    expect(h.ended).toEqual([]);
    expect(h.rematched).toEqual([]);
    expect(h.moves.map((m) => m.organization.id)).toEqual([id('b3')]);
    const ev = h.coverage.find((c) => c.kind === 'EnterpriseVillage')!;
    expect([ev.before.villages, ev.before.paired, ev.after.paired]).toEqual([3, 0, 1]);
  });

  it('refuses an interval that ends before it starts, naming the argument', async () => {
    const result = await gql(fixture.app, `{ areaHistory(area: "${id('district')}", from: "2025-01-02", to: "2025-01-01") { from } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });

  it('answers "on this date" with the pairings active then', async () => {
    const { pairingCoverage } = await ok<{
      pairingCoverage: { paired: number; pairings: { totalCount: number; nodes: { id: string }[] } };
    }>(`{ pairingCoverage(area: "${id('district')}", asOf: "2025-04-30") { paired pairings { totalCount nodes { id } } } }`);
    expect(pairingCoverage.paired).toBe(3);
    expect(pairingCoverage.pairings.nodes.map((p) => p.id).sort()).toEqual([id('p3'), rematchedPairing, v3Pairing].sort());
  });
});

describe('Query.changes by area', () => {
  const changes = async (area: string) =>
    (
      await ok<{ changes: { totalCount: number; nodes: { action: string; entityId: string }[] } }>(
        `query($area: ID) { changes(areaId: $area) { totalCount nodes { action entityId } } }`,
        { area },
      )
    ).changes;

  it('gives the changes to the area’s entities and to pairings of its villages, newest first', async () => {
    const sub1 = await changes(id('sub1'));
    // A re-match writes two entries (the old pairing's end, the new one's start), newest first.
    expect(sub1.nodes.map((c) => c.action)).toEqual(['moveOrganization', 'endPairing', 'rematchPairing', 'rematchPairing', 'startPairing']);
    expect(sub1.totalCount).toBe(5);
    // 乙街道: only the move (b3 now reports to its working committee).
    const sub2 = await changes(id('sub2'));
    expect(sub2.nodes).toEqual([{ action: 'moveOrganization', entityId: id('b3') }]);
  });

  it('names the area by exact name too, and refuses an unknown one', async () => {
    expect((await changes(`${P}乙街道`)).totalCount).toBe(1);
    const result = await gql(fixture.app, '{ changes(areaId: "no-such-area") { totalCount } }');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'areaId' });
  });

  it('AreaHistory.changes is the area’s log within the interval', async () => {
    const { areaHistory } = await ok<{ areaHistory: { changes: { totalCount: number } } }>(
      `{ areaHistory(area: "${id('sub2')}", from: "${TODAY}") { changes { totalCount } } }`,
    );
    expect(areaHistory.changes.totalCount).toBe(1);
  });
});

describe('the area history export', () => {
  const url = (format: string) => `/export/history.${format}?area=${id('district')}&from=2024-06-01&to=2025-04-30`;

  it('as CSV: BOM, title, dates and filter on top, Chinese headers, a row per kind and per event', async () => {
    const response = await fixture.app.inject({ url: url('csv'), headers: authHeaders() });
    expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toContain(`history-${id('district')}-2024-06-01-2025-04-30.csv`);
    expect(response.body.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(response.body.slice(1), { relax_column_count: true }) as string[][];
    expect(rows[0]).toEqual(['区域变化']);
    expect(rows).toContainEqual(['区域', `${P}区`]);
    expect(rows).toContainEqual(['起始日期', '2024-06-01']);
    expect(rows).toContainEqual(['截止日期', '2025-04-30']);
    const headerAt = rows.findIndex((r) => r[0] === '类别');
    expect(rows[headerAt]).toEqual([
      '类别',
      '类型或对象',
      '日期',
      '变化前',
      '变化后',
      '原因',
      '出处文件',
      '出处原文',
      '操作人',
      // Date-times in an export are Beijing time, and the header says so (#20).
      '记录时间（北京时间）',
    ]);
    const table = rows.slice(headerAt + 1);
    expect(table.filter((r) => r[0] === '覆盖率')).toHaveLength(3);
    expect(table).toContainEqual(['覆盖率', '企业联村', '2024-06-01 → 2025-04-30', '2 / 8（25%）', '3 / 8（37.5%）', '', '', '', '', '']);
    const startedV3 = table.find((r) => r[0] === '新建结对' && r[4] === `${P}乙公司 → ${P}v3村`)!;
    expect(startedV3.slice(1, 8)).toEqual(['企业联村', '2024-09-01', '', `${P}乙公司 → ${P}v3村`, '新结对', DOCUMENT, QUOTE]);
    expect(startedV3[8]).not.toBe('');
    expect(table).toContainEqual(
      expect.arrayContaining(['重新结对', '2025-03-01', `${P}甲公司 → ${P}v1村`, `${P}乙公司 → ${P}v1村`, '主营业务与村庄发展需求不匹配']),
    );
    expect(table.filter((r) => r[0] === '结束结对').map((r) => r[3])).toEqual([`${P}乙公司 → ${P}v2村`]);
  });

  it('as xlsx: the same table, parsed back', async () => {
    const response = await fixture.app.inject({ url: url('xlsx'), headers: authHeaders() });
    expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('区域变化');
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toContainEqual(['结对类型', '全部']);
    const headerAt = rows.findIndex((r) => r[0] === '类别');
    const kinds = rows.slice(headerAt + 1).map((r) => r[0]);
    expect(kinds.filter((k) => k === '新建结对')).toHaveLength(2);
    expect(kinds.filter((k) => k === '重新结对')).toHaveLength(1);
  });

  it('refuses a missing start date, naming it', async () => {
    const response = await fixture.app.inject({ url: `/export/history.csv?area=${id('district')}`, headers: authHeaders() });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
  });
});
