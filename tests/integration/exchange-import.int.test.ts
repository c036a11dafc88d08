/**
 * Import from real CSV and xlsx files written here: every kind of problem reported with its file, row
 * and column by a dry run that writes nothing; a real run with a problem writes nothing either (the
 * content hash is unchanged); a clean run writes in one go with change-log entries, and the same
 * files again change nothing and log nothing; an editor is held to its area.
 */
import { createReadStream, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { hashGraph } from '../../data/exchange/export-graph.ts';
import type { ImportIssue } from '../../data/exchange/import-report.ts';
import { parseFile, runImport } from '../../data/exchange/run-import.ts';
import { TEMPLATES, type TemplateName } from '../../data/exchange/templates.ts';
import { GraphStore } from '../../graph/graph-store.ts';
import { withFixture } from '../helpers/fixture.ts';

const P = 'xi';
const id = (name: string) => `${P}-${name}`;
const fixture = withFixture(P, { tempDir: 'exchange-import' });
const { driver, database } = fixture;

/** A table of a template: the header row from the template, then rows by column key. */
function table(template: TemplateName, rows: Record<string, string>[]): string[][] {
  const columns = TEMPLATES[template].columns;
  return [columns.map((c) => c.header), ...rows.map((row) => columns.map((c) => row[c.key] ?? ''))];
}

function csvFile(name: string, template: TemplateName, rows: Record<string, string>[]): string {
  const path = join(fixture.dir, name);
  writeFileSync(path, `\uFEFF${stringify(table(template, rows))}`);
  return path;
}

async function xlsxFile(name: string, sheets: [TemplateName, Record<string, string>[]][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  for (const [template, rows] of sheets) {
    const sheet = workbook.addWorksheet(TEMPLATES[template].title);
    for (const row of table(template, rows)) sheet.addRow(row);
  }
  const path = join(fixture.dir, name);
  await workbook.xlsx.writeFile(path);
  return path;
}

async function importFiles(paths: string[], options: { dryRun: boolean; scope?: string | null; actor?: string }) {
  const parsed = [];
  for (const path of paths) parsed.push(await parseFile(basename(path), createReadStream(path)));
  return runImport(GraphStore.forLoads(driver, database), parsed, {
    actor: options.actor ?? '导入测试',
    scope: options.scope ?? null,
    dryRun: options.dryRun,
  });
}

async function changeCount(): Promise<number> {
  const { records } = await driver.executeQuery('MATCH (c:Change) RETURN count(c) AS n', {}, { database });
  return Number(records[0]!.get('n'));
}

/** The state the tests compare: the fixture's subtree (content hash) and the size of the change log. */
async function state() {
  return { subtree: (await hashGraph(GraphStore.forLoads(driver, database), id('district'))).hash, changes: await changeCount() };
}

const has = (errors: ImportIssue[], expected: Partial<ImportIssue>) => expect(errors).toContainEqual(expect.objectContaining(expected));

describe('import: problems', () => {
  it('a dry run reports every kind of problem by file, row and column, and writes nothing', async () => {
    const before = await state();
    const orgs = csvFile('orgs.csv', 'organizations', [
      { id: id('b9'), name: `${P}新党支部`, kind: '党支部', parentId: id('jc') },
      { id: id('b10'), name: `${P}怪支部`, kind: '怪东西' },
      { id: id('b11'), name: '', kind: 'Branch', parentId: id('jc') },
      { id: id('b12'), name: `${P}孤儿支部`, kind: '党支部', parentId: id('nowhere') },
      { id: id('b9'), name: `${P}重复支部`, kind: '党支部', parentId: id('jc') },
      { id: id('sw1'), name: `${P}甲街道党工委`, kind: '街道党工委', parentId: id('b1') },
      { id: 'Not An Id', name: `${P}坏编号`, kind: '党支部', parentId: id('jc') },
      { id: id('v1'), name: `${P}v1村`, kind: '党支部', parentId: id('jc') },
      { id: id('e9'), name: `${P}新公司`, kind: '企业', parentId: id('jc') },
    ]);
    const pairings = csvFile('pairings.csv', 'pairings', [
      { id: id('p9'), kind: '企业联村', partnerId: id('e1'), targetId: id('v99'), validFrom: '2025-01-01' },
      { id: id('p10'), kind: '企业联村', partnerId: id('e1'), targetId: id('v4'), validFrom: '2025-02-30' },
      { id: id('p11'), kind: '企业联村', partnerId: id('e1'), targetId: id('v1'), validFrom: '2024-06-01' },
      { id: id('p12'), kind: '企业联村', partnerId: id('e1'), targetId: id('c1'), validFrom: '2025-01-01' },
      { id: id('p13'), kind: '企业联村', partnerId: id('e2'), targetId: id('v5'), status: '已结束', validFrom: '2025-01-01' },
      { id: id('p14'), kind: '联谊', partnerId: id('e2'), targetId: id('v5') },
      { id: id('p1'), kind: '企业联村', partnerId: id('e2'), targetId: id('v1'), validFrom: '2024-01-01' },
    ]);
    const people = csvFile('people.csv', 'people', [{ id: id('li'), name: '李某', positionAtId: id('nowhere'), title: '书记' }]);
    const noParentColumn = join(fixture.dir, 'places.csv');
    writeFileSync(
      noParentColumn,
      stringify([
        ['地点编号', '名称'],
        [id('v9'), `${P}v9村`],
      ]),
    );

    const report = await importFiles([orgs, pairings, people, noParentColumn], { dryRun: true });
    const e = report.errors;
    has(e, { file: 'orgs.csv', row: 3, column: '类型', code: 'UNKNOWN_KIND' });
    has(e, { file: 'orgs.csv', row: 4, column: '名称', code: 'MISSING_VALUE' });
    has(e, { file: 'orgs.csv', row: 5, column: '上级组织编号', code: 'UNKNOWN_REFERENCE' });
    has(e, { file: 'orgs.csv', row: 6, column: '组织编号', code: 'DUPLICATE_ID' });
    has(e, { file: 'orgs.csv', row: 7, column: '上级组织编号', code: 'CYCLE' });
    has(e, { file: 'orgs.csv', row: 8, column: '组织编号', code: 'BAD_ID' });
    has(e, { file: 'orgs.csv', row: 9, column: '类型', code: 'KIND_CHANGED' });
    has(e, { file: 'orgs.csv', row: 10, column: '上级组织编号', code: 'NOT_APPLICABLE' });
    has(e, { file: 'pairings.csv', row: 2, column: '受援方编号', code: 'UNKNOWN_REFERENCE' });
    has(e, { file: 'pairings.csv', row: 3, column: '开始日期', code: 'BAD_DATE' });
    has(e, { file: 'pairings.csv', row: 4, column: '开始日期', code: 'PAIRING_OVERLAP' });
    has(e, { file: 'pairings.csv', row: 5, column: '受援方编号', code: 'WRONG_KIND' });
    has(e, { file: 'pairings.csv', row: 6, column: '结束日期', code: 'MISSING_VALUE' });
    has(e, { file: 'pairings.csv', row: 7, column: '结对类型', code: 'UNKNOWN_KIND' });
    has(e, { file: 'pairings.csv', row: 8, column: '结对编号', code: 'PAIRING_ENDS_CHANGED' });
    has(e, { file: 'people.csv', row: 2, column: '任职单位编号', code: 'UNKNOWN_REFERENCE' });
    has(e, { file: 'places.csv', row: 1, column: '类型', code: 'MISSING_COLUMN' });
    // The good row is not an error, and is counted as what it would be.
    expect(e.filter((i) => i.file === 'orgs.csv' && i.row === 2)).toEqual([]);
    expect(report.counts.organizations).toMatchObject({ created: 1 });
    for (const error of e) expect(error.message.length, JSON.stringify(error)).toBeGreaterThan(10);
    expect(report).toMatchObject({ dryRun: true, written: false, changes: 0 });
    expect(await state()).toEqual(before);
  });

  it('a real run with one bad row writes nothing, not even the good rows', async () => {
    const before = await state();
    const path = csvFile('one-bad.csv', 'places', [
      { id: id('v20'), name: `${P}v20村`, kind: '村', parentId: id('sub1') },
      { id: id('v21'), name: `${P}v21村`, kind: '村', parentId: id('sub9') },
    ]);
    const report = await importFiles([path], { dryRun: false });
    expect(report.errors).toEqual([expect.objectContaining({ row: 3, column: '上级地点编号', code: 'UNKNOWN_REFERENCE' })]);
    expect(report).toMatchObject({ dryRun: false, written: false, changes: 0 });
    expect(await state()).toEqual(before);
  });
});

describe('import: writing', () => {
  const rows: Record<'places' | 'organizations' | 'pairings' | 'people', Record<string, string>[]> = {
    places: [{ id: id('v30'), name: `${P}v30村`, kind: 'Village', parentId: id('sub2') }],
    organizations: [
      { id: id('b30'), name: `${P}v30村党支部`, kind: '党支部', parentId: id('sw2'), governsPlaceId: id('v30') },
      // A rename, and a move of b3 from the joint committee to the subdistrict's working committee.
      { id: id('b1'), name: `${P}b1村党支部（更名）`, kind: '党支部', parentId: id('jc') },
      { id: id('b3'), name: `${P}b3村党支部`, kind: '党支部', parentId: id('sw1') },
    ],
    pairings: [
      {
        id: id('p30'),
        kind: '企业联村',
        partnerId: id('e2'),
        targetId: id('v30'),
        programme: '万人下乡、千村提升',
        validFrom: '2025-03-01',
      },
      {
        id: id('p1'),
        kind: '企业联村',
        partnerId: id('e1'),
        targetId: id('v1'),
        status: '已结束',
        validFrom: '2024-01-01',
        validTo: '2025-06-30',
        reason: '任务完成',
      },
    ],
    people: [{ id: id('wang'), name: '王某', positionAtId: id('b30'), title: '村党支部书记' }],
  };

  it('an xlsx with four sheets: all rows written in one go, each change logged with the file as its source', async () => {
    const before = await changeCount();
    const path = await xlsxFile('导入.xlsx', [
      ['places', rows.places],
      ['organizations', rows.organizations],
      ['pairings', rows.pairings],
      ['people', rows.people],
    ]);
    const report = await importFiles([path], { dryRun: false, actor: '数据员甲' });
    expect(report.errors).toEqual([]);
    expect(report.counts).toMatchObject({
      places: { rows: 1, created: 1 },
      organizations: { rows: 3, created: 1, updated: 1, moved: 1 },
      pairings: { rows: 2, created: 1, updated: 1 },
      people: { rows: 1, created: 1 },
    });
    expect(report).toMatchObject({ written: true, changes: 7 });
    expect(await changeCount()).toBe(before + 7);

    const { records } = await driver.executeQuery(
      `MATCH (b3:Entity {id: $b3})-[:REPORTS_TO]->(p) WITH b3, collect(p.id) AS parents
       MATCH (b30:Entity {id: $b30})-[:GOVERNS]->(v:Village {id: $v30})
       MATCH (:Entity {id: $e1})-[p1:PAIRED_WITH {id: $p1}]->()
       MATCH (:Person {id: $wang})-[pos:HOLDS_POSITION]->(b30)
       MATCH (b1:Entity {id: $b1})
       RETURN parents, p1.status AS status, p1.validTo AS validTo, pos.title AS title, b1.name AS b1Name, b1.sourceDocuments AS b1Sources`,
      { b3: id('b3'), b30: id('b30'), v30: id('v30'), e1: id('e1'), p1: id('p1'), wang: id('wang'), b1: id('b1') },
      { database },
    );
    expect(records[0]?.toObject()).toEqual({
      parents: [id('sw1')],
      status: 'ended',
      validTo: '2025-06-30',
      title: '村党支部书记',
      b1Name: `${P}b1村党支部（更名）`,
      b1Sources: ['test-fixture', '导入.xlsx'],
    });
    const log = await driver.executeQuery(
      'MATCH (c:Change {entityId: $id}) RETURN c.action AS action, c.actor AS actor, c.source AS source, c.before AS before',
      { id: id('b3') },
      { database },
    );
    expect(log.records.map((r) => r.toObject())).toEqual([
      { action: 'importMove', actor: '数据员甲', source: '导入.xlsx', before: expect.stringContaining(`"parentIds":["${id('jc')}"]`) },
    ]);
  });

  it('the same files again change nothing and write no change-log entry', async () => {
    const before = await state();
    const path = await xlsxFile('导入.xlsx', [
      ['places', rows.places],
      ['organizations', rows.organizations],
      ['pairings', rows.pairings],
      ['people', rows.people],
    ]);
    const report = await importFiles([path], { dryRun: false });
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ written: false, changes: 0 });
    for (const counts of Object.values(report.counts)) expect(counts.unchanged).toBe(counts.rows);
    expect(await state()).toEqual(before);
  });
});

describe('import: an editor’s area', () => {
  it('refuses rows outside the area (dry run and real run), and accepts those inside', async () => {
    const before = await state();
    const path = csvFile('editor.csv', 'places', [
      { id: id('v40'), name: `${P}v40村`, kind: '村', parentId: id('sub1') },
      { id: id('v41'), name: `${P}v41村`, kind: '村', parentId: id('sub2') },
    ]);
    for (const dryRun of [true, false]) {
      const report = await importFiles([path], { dryRun, scope: id('sub1') });
      expect(report.errors).toEqual([expect.objectContaining({ row: 3, column: '上级地点编号', code: 'OUT_OF_SCOPE' })]);
      expect(report.written).toBe(false);
    }
    expect(await state()).toEqual(before);

    const inside = csvFile('editor-ok.csv', 'places', [{ id: id('v40'), name: `${P}v40村`, kind: '村', parentId: id('sub1') }]);
    const report = await importFiles([inside], { dryRun: false, scope: id('sub1') });
    expect(report).toMatchObject({ errors: [], written: true, changes: 1 });
  });
});

describe('import: display names (#17, review E-11)', () => {
  it('an imported namesake qualifies both names with their 街道, as a mutation does', async () => {
    const path = csvFile('namesake.csv', 'places', [{ id: id('v50'), name: `${P}v1村`, kind: '村', parentId: id('sub2') }]);
    const report = await importFiles([path], { dryRun: false });
    expect(report).toMatchObject({ errors: [], written: true });
    const { records } = await driver.executeQuery(
      'MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id AS id, n.displayName AS d ORDER BY id',
      { ids: [id('v1'), id('v50')] },
      { database },
    );
    const sub = async (s: string) =>
      (await driver.executeQuery('MATCH (n:Entity {id: $id}) RETURN n.name AS name', { id: id(s) }, { database })).records[0]!.get('name');
    expect(records.map((r) => r.toObject())).toEqual([
      { id: id('v1'), d: `${P}v1村（${await sub('sub1')}）` },
      { id: id('v50'), d: `${P}v1村（${await sub('sub2')}）` },
    ]);
  });
});
