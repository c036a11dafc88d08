/**
 * Audit exports: CSV and a real .xlsx (parsed back here with exceljs) with Chinese headers, the date
 * and the filter in the file, and the same numbers as the GraphQL API.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { authHeaders, gql } from '../helpers/app.ts';
import { withFixtureApp } from '../helpers/fixture.ts';

const P = 'tx';
const fixture = withFixtureApp(P);
const { id } = fixture;

async function sheetRows(url: string): Promise<unknown[][]> {
  const response = await fixture.app.inject({ url, headers: authHeaders() });
  expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
  expect(response.headers['content-type']).toContain('spreadsheetml');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('exports', () => {
  it('coverage as xlsx: date and filter on top, Chinese headers, the API’s numbers level by level', async () => {
    const rows = await sheetRows(`/export/coverage.xlsx?area=${id('district')}&asOf=2024-03-01`);
    expect(rows[0]).toEqual(['结对覆盖率']);
    // Beijing time (UTC+8), as a planner in Jinan reads it.
    expect(rows[1]?.[0]).toBe('导出时间（北京时间）');
    expect(String(rows[1]?.[1])).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const beijingNow = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(Math.abs(Date.parse(`${String(rows[1]?.[1]).slice(0, 16)}Z`) - Date.parse(`${beijingNow}Z`))).toBeLessThan(5 * 60_000);
    expect(rows).toContainEqual(['区域', `${P}区`]);
    expect(rows).toContainEqual(['截至日期', '2024-03-01']);
    const headerAt = rows.findIndex((r) => r[0] === '层级');
    expect(rows[headerAt]).toEqual(['层级', '区域', '类型', '村（社区）数', '已结对', '未结对', '覆盖率（%）', '未结对的村（社区）']);
    const table = rows.slice(headerAt + 1);

    const { data } = await gql<{ pairingCoverage: any }>(
      fixture.app,
      `{ pairingCoverage(area: "${id('district')}", asOf: "2024-03-01") { area { name } villages paired rate unpaired { nodes { name } } byArea { area { name } villages paired rate unpaired { nodes { name } } } } }`,
    );
    const api = data!.pairingCoverage;
    const names = (c: { unpaired: { nodes: { name: string }[] } }) => c.unpaired.nodes.map((v) => v.name).join('、');
    // Kinds by their Chinese names; the unpaired villages named, as the API lists them.
    expect(table[0]).toEqual([0, api.area.name, '区', api.villages, api.paired, api.villages - api.paired, api.rate * 100, names(api)]);
    expect(names(api)).toContain(`${P}v3村`);
    for (const child of api.byArea) {
      expect(table).toContainEqual([
        1,
        child.area.name,
        '街道',
        child.villages,
        child.paired,
        child.villages - child.paired,
        child.rate * 100,
        names(child),
      ]);
    }
  });

  it('findings and claims as xlsx hold what the API finds', async () => {
    const findings = await sheetRows(`/export/findings.xlsx?area=${id('district')}&asOf=2025-06-01`);
    const { data } = await gql<{ findings: { totalCount: number } }>(
      fixture.app,
      `{ findings(area: "${id('district')}", asOf: "2025-06-01") { totalCount } }`,
    );
    const headerAt = findings.findIndex((r) => r[0] === '严重程度');
    expect(findings[headerAt]).toEqual(['严重程度', '规则', '规则说明', '区', '街道', '实体编号', '实体名称', '类型', '问题']);
    expect(findings.length - headerAt - 1).toBe(data!.findings.totalCount);
    expect(findings.slice(headerAt + 1).every((r) => r[1] === 'village-without-pairing' && r[0] === '警告')).toBe(true);
    // Each finding's place: a village of 甲街道 in the fixture's district, its kind in Chinese.
    expect(findings).toContainEqual(expect.arrayContaining([`${P}区`, `${P}甲街道`, id('v3'), `${P}v3村`, '村']));

    const claims = await sheetRows(`/export/claims.xlsx?area=${id('district')}`);
    expect(claims).toContainEqual([
      `${P}大厦楼宇党委`,
      '17个党支部',
      'branches',
      17,
      'count',
      0,
      '图谱偏少',
      'test-fixture',
      'written by tests/helpers/fixture.ts',
    ]);
  });

  it('pairings as CSV: BOM, the filter on top, one row per pairing', async () => {
    const response = await fixture.app.inject({ url: `/export/pairings.csv?area=${id('district')}&status=ended`, headers: authHeaders() });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toContain('pairings-');
    const text = response.body;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('状态,ended');
    expect(text).toContain('结对编号,类型,结对方,受援方,工程,状态,开始日期,结束日期,原因,替代结对');
    expect(text).toContain(
      `${id('p2')},企业联村,${P}乙公司,${P}v2村,万人下乡、千村提升,已结束,2023-01-01,2024-06-30,主营业务与村庄发展需求不匹配,`,
    );
  });

  it('unpaired villages as xlsx: the API’s unpaired list, each with district, 街道, status, last partner and dates', async () => {
    const rows = await sheetRows(`/export/unpaired.xlsx?area=${id('district')}&asOf=2025-06-01`);
    expect(rows[0]).toEqual(['未结对清单']);
    expect(rows).toContainEqual(['结对类型', '企业联村']);
    const headerAt = rows.findIndex((r) => r[0] === '区');
    expect(rows[headerAt]).toEqual(['区', '街道', '编号', '名称', '状态', '最近结对方', '开始日期', '结束日期', '结束原因']);
    const table = rows.slice(headerAt + 1);
    const { data } = await gql<{ pairingCoverage: { unpaired: { nodes: { id: string }[] } } }>(
      fixture.app,
      `{ pairingCoverage(area: "${id('district')}", asOf: "2025-06-01") { unpaired(first: 500) { nodes { id } } } }`,
    );
    expect(table.map((r) => r[2]).sort()).toEqual(data!.pairingCoverage.unpaired.nodes.map((v) => v.id).sort());
    // v2's pairing with 乙公司 ended on 2024-06-30; v7 was never paired.
    expect(table).toContainEqual([
      `${P}区`,
      `${P}甲街道`,
      id('v2'),
      `${P}v2村`,
      '结对已结束',
      `${P}乙公司`,
      '2023-01-01',
      '2024-06-30',
      '主营业务与村庄发展需求不匹配',
    ]);
    expect(table.find((r) => r[2] === id('v7'))?.slice(0, 5)).toEqual([`${P}区`, `${P}乙街道`, id('v7'), `${P}v7村`, '未结对']);
    expect(
      table
        .find((r) => r[2] === id('v7'))
        ?.slice(5)
        .every((cell) => cell == null || cell === ''),
    ).toBe(true);
  });

  it('the 街道 ranking as CSV: every 街道 with its district and the API’s numbers per kind, lowest first', async () => {
    const response = await fixture.app.inject({ url: `/export/ranking.csv?area=${id('city')}&asOf=2025-06-01`, headers: authHeaders() });
    expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    const lines = response.body.replace(/^\uFEFF/, '').split('\n');
    expect(lines[0]).toBe('街道覆盖率排名');
    expect(lines).toContain(`1,${P}区,${P}甲街道,5,1,4,20,5,0,5,0,1,0,1,0`);
    expect(lines).toContain(`2,${P}区,${P}乙街道,3,1,2,33.3,3,0,3,0,0,0,0,`);
  });

  it('refuses unknown reports, formats and bad arguments with the field named', async () => {
    expect((await fixture.app.inject({ url: '/export/nothing.csv', headers: authHeaders() })).json().error).toMatchObject({
      code: 'NOT_FOUND',
      field: 'report',
    });
    expect(
      (await fixture.app.inject({ url: `/export/coverage.pdf?area=${id('district')}`, headers: authHeaders() })).json().error,
    ).toMatchObject({ field: 'format' });
    expect((await fixture.app.inject({ url: '/export/coverage.csv', headers: authHeaders() })).json().error).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'area',
    });
    const badDate = await fixture.app.inject({
      url: `/export/coverage.csv?area=${id('district')}&asOf=2024-99-01`,
      headers: authHeaders(),
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
  });
});
