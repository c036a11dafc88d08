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
    expect(rows[1]?.[0]).toBe('导出时间');
    expect(rows).toContainEqual(['区域', `${P}区`]);
    expect(rows).toContainEqual(['截至日期', '2024-03-01']);
    const headerAt = rows.findIndex((r) => r[0] === '层级');
    expect(rows[headerAt]).toEqual(['层级', '区域', '类型', '村（社区）数', '已结对', '未结对', '覆盖率（%）']);
    const table = rows.slice(headerAt + 1);

    const { data } = await gql<{ pairingCoverage: any }>(
      fixture.app,
      `{ pairingCoverage(area: "${id('district')}", asOf: "2024-03-01") { area { name } villages paired rate byArea { area { name } villages paired rate } } }`,
    );
    const api = data!.pairingCoverage;
    expect(table[0]).toEqual([0, api.area.name, 'District', api.villages, api.paired, api.villages - api.paired, api.rate * 100]);
    for (const child of api.byArea) {
      expect(table).toContainEqual([
        1,
        child.area.name,
        'Subdistrict',
        child.villages,
        child.paired,
        child.villages - child.paired,
        child.rate * 100,
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
    expect(findings.length - headerAt - 1).toBe(data!.findings.totalCount);
    expect(findings.slice(headerAt + 1).every((r) => r[1] === 'village-without-pairing' && r[0] === '警告')).toBe(true);

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
