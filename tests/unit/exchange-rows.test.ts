/**
 * Import rows without a database: templates recognised by their header row, cells read into typed
 * rows, and each problem a row can have on its own reported with its row and column. Also the
 * streaming readers on real CSV and xlsx bytes, and the cycle walk.
 */
import { createReadStream, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ISSUE_CODES } from '../../data/exchange/import-report.ts';
import { isoDate, RowParser } from '../../data/exchange/parse-rows.ts';
import { pathUp } from '../../data/exchange/plan-import.ts';
import { readRows } from '../../data/exchange/read-table.ts';
import { kindOf, pairingKindOf, TEMPLATES, templateCsv, templateOfHeaders, templateXlsx } from '../../data/exchange/templates.ts';

function parse(rows: string[][], file = 't.csv') {
  const parser = new RowParser(file);
  for (const [i, values] of rows.entries()) parser.accept({ sheet: null, row: i + 1, values });
  return parser;
}

describe('templates', () => {
  it('are documented in TEMPLATES.md, every column and every problem code', () => {
    const doc = readFileSync(new URL('../../data/exchange/TEMPLATES.md', import.meta.url), 'utf8');
    for (const template of Object.values(TEMPLATES)) for (const column of template.columns) expect(doc).toContain(`| ${column.header} |`);
    for (const code of Object.keys(ISSUE_CODES)) expect(doc).toContain(`\`${code}\``);
  });

  it('are recognised by their id header, in any column order', () => {
    expect(templateOfHeaders(['名称', '组织编号', '类型'])).toBe('organizations');
    expect(templateOfHeaders(['结对编号'])).toBe('pairings');
    expect(templateOfHeaders(['人员编号', '姓名'])).toBe('people');
    expect(templateOfHeaders(['编号', '名称'])).toBeNull();
  });

  it('take kinds in English or Chinese, and each part of a two-name term', () => {
    expect(kindOf('党支部')).toBe('Branch');
    expect(kindOf('branch')).toBe('Branch');
    expect(kindOf(' 村 ')).toBe('Village');
    expect(kindOf('党工委(区级)')).toBe('DistrictCommittee');
    expect(kindOf('镇')).toBeNull();
    expect(pairingKindOf('企业联村')).toBe('EnterpriseVillage');
    expect(pairingKindOf('UnitCommunity')).toBe('UnitCommunity');
  });

  it('as CSV carry a BOM and the header row; as xlsx a header sheet and an explanation sheet', async () => {
    expect(templateCsv('places')).toBe(`\uFEFF${TEMPLATES.places.columns.map((c) => c.header).join(',')}\n`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await templateXlsx('people')) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['人员', '说明']);
    expect(workbook.worksheets[1]!.rowCount).toBe(3 + TEMPLATES.people.columns.length);
  });
});

describe('rows', () => {
  it('become typed rows, with an empty cell as "not given" and the source defaulting to the file and row', () => {
    const parser = parse([
      ['组织编号', '名称', '类型', '上级组织编号', '管辖地点编号'],
      ['lc-b1', '甲村党支部', '党支部', 'lc-jc', ''],
    ]);
    expect(parser.issues).toEqual([]);
    expect(parser.rows).toEqual([
      expect.objectContaining({
        template: 'organizations',
        id: 'lc-b1',
        kind: 'Branch',
        parentId: 'lc-jc',
        governsPlaceId: null,
        source: { document: 't.csv', quote: 't.csv 第2行' },
        origin: { file: 't.csv', row: 2 },
      }),
    ]);
  });

  it('report each problem of a row on its own with its row and column, and drop the row', () => {
    const parser = parse([
      ['结对编号', '结对类型', '结对方编号', '受援方编号', '状态', '开始日期', '结束日期'],
      ['p-1', '企业联村', 'e-1', 'v-1', '', '2024/3/1', ''],
      ['p-2', '企业联村', 'e-1', 'v-1', '', '2024-02-30', ''],
      ['p-3', '企业联村', 'e-1', 'v-1', '暂停', '2024-01-01', ''],
      ['p-4', '企业联村', '', 'V 1', '', '', ''],
      ['p-5', '企业联村', 'e-1', 'v-1', '进行中', '2024-01-01', '2024-06-01'],
      ['p-6', '企业联村', 'e-1', 'v-1', '', '2024-06-01', '2024-01-01'],
    ]);
    expect(parser.rows.map((r) => [r.id, r.template === 'pairings' && r.validFrom])).toEqual([['p-1', '2024-03-01']]);
    expect(parser.issues.map(({ row, column, code }) => ({ row, column, code }))).toEqual([
      { row: 3, column: '开始日期', code: 'BAD_DATE' },
      { row: 4, column: '状态', code: 'BAD_VALUE' },
      { row: 5, column: '结对方编号', code: 'MISSING_VALUE' },
      { row: 5, column: '受援方编号', code: 'BAD_ID' },
      { row: 6, column: '状态', code: 'BAD_VALUE' },
      { row: 7, column: '结束日期', code: 'BAD_VALUE' },
    ]);
    expect(parser.rejected.get('p-2')).toEqual({ file: 't.csv', row: 3 });
  });

  it('refuse a kind of the wrong template, a parent for a unit, and a missing required column', () => {
    const orgs = parse([
      ['组织编号', '名称', '类型', '上级组织编号'],
      ['v-1', '甲村', '村', ''],
      ['e-1', '甲公司', '企业', 'lc-dc'],
    ]);
    expect(orgs.issues.map(({ row, column, code }) => ({ row, column, code }))).toEqual([
      { row: 2, column: '类型', code: 'WRONG_KIND' },
      { row: 3, column: '上级组织编号', code: 'NOT_APPLICABLE' },
    ]);
    // Issue 14, item 4: without the parent column a 党支部 would be written with no parent.
    const orphans = parse([
      ['组织编号', '名称', '类型'],
      ['b-1', '甲党支部', '党支部'],
    ]);
    expect(orphans.rows).toEqual([]);
    expect(orphans.issues).toEqual([expect.objectContaining({ row: 1, column: '上级组织编号', code: 'MISSING_COLUMN' })]);
    expect(orphans.issues[0]!.message).toMatch(/^t\.csv: the 组织 table needs a column 上级组织编号/);
    const placesWithoutParent = parse([['地点编号', '名称', '类型']]);
    expect(placesWithoutParent.issues).toEqual([expect.objectContaining({ column: '上级地点编号', code: 'MISSING_COLUMN' })]);
    const places = parse([['地点编号', '名称']]);
    expect(places.issues).toEqual([
      expect.objectContaining({ row: 1, column: '类型', code: 'MISSING_COLUMN' }),
      expect.objectContaining({ row: 1, column: '上级地点编号', code: 'MISSING_COLUMN' }),
    ]);
    const unknown = parse([['编号', '名称']]);
    expect(unknown.issues).toEqual([expect.objectContaining({ row: 1, code: 'UNKNOWN_TEMPLATE' })]);
  });

  it('reads dates as YYYY-MM-DD from the ways Excel writes them, and refuses days that do not exist', () => {
    expect(isoDate('2024-01-05')).toBe('2024-01-05');
    expect(isoDate('2024/1/5')).toBe('2024-01-05');
    expect(isoDate('2024.12.31')).toBe('2024-12-31');
    expect(isoDate('2023-02-29')).toBeNull();
    expect(isoDate('5/1/2024')).toBeNull();
  });
});

describe('streaming readers', () => {
  it('read CSV with a BOM, quotes and line breaks inside a cell, numbering rows as a spreadsheet does', async () => {
    const text = '\uFEFF地点编号,名称\r\nv-1,"甲,村"\r\n\r\nv-2,"乙\n村"\r\n';
    const rows = [];
    for await (const row of readRows(Readable.from([Buffer.from(text)]), 'csv')) rows.push(row);
    expect(rows).toEqual([
      { sheet: null, row: 1, values: ['地点编号', '名称'] },
      { sheet: null, row: 2, values: ['v-1', '甲,村'] },
      { sheet: null, row: 3, values: [''] },
      { sheet: null, row: 4, values: ['v-2', '乙\n村'] },
    ]);
  });

  it('read xlsx sheet by sheet, with dates as YYYY-MM-DD and numbers as text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('结对');
    sheet.addRow(['结对编号', '开始日期', '工程']);
    sheet.addRow(['p-1', new Date(Date.UTC(2024, 2, 1)), 115]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const rows = [];
    for await (const row of readRows(Readable.from([bytes]), 'xlsx')) rows.push(row);
    expect(rows).toEqual([
      { sheet: '结对', row: 1, values: ['结对编号', '开始日期', '工程'] },
      { sheet: '结对', row: 2, values: ['p-1', '2024-03-01', '115'] },
    ]);
  });
});

describe('large xlsx files', () => {
  it('keep every Chinese character whole across the zip’s chunk boundaries (shared and inline strings)', async () => {
    const names = Array.from({ length: 20_000 }, (_, i) => `样例·第${i}村党支部（联合党委）`);
    for (const useSharedStrings of [true, false]) {
      const path = join(mkdtempSync(join(tmpdir(), 'xlsx-')), 'big.xlsx');
      const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings });
      const sheet = writer.addWorksheet('组织');
      for (const name of names) sheet.addRow([name]).commit();
      sheet.commit();
      await writer.commit();
      const read: string[] = [];
      for await (const row of readRows(createReadStream(path), 'xlsx')) read.push(row.values[0]!);
      expect(read.filter((v) => v.includes('\uFFFD'))).toEqual([]);
      expect(read).toEqual(names);
    }
  }, 60_000);
});

describe('cycles', () => {
  const parents: Record<string, string[]> = { b1: ['jc'], jc: ['sw'], sw: ['dc'], loop1: ['loop2'], loop2: ['loop1'] };
  const up = (id: string) => parents[id] ?? [];

  it('finds the chain from a new parent up to the entity being moved', () => {
    expect(pathUp('b1', 'sw', up)).toEqual(['b1', 'jc', 'sw']);
    expect(pathUp('sw', 'b1', up)).toBeNull();
    expect(pathUp('sw', 'sw', up)).toEqual(['sw']);
  });

  it('ends on a cycle already stored', () => {
    expect(pathUp('loop1', 'dc', up)).toBeNull();
  });
});
