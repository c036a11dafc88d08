/**
 * `tsx data/exchange/sample-files.ts --rows N --out DIR [--xlsx]`
 *
 * Writes import files of about N rows in all (places, organizations, pairings), made up and marked
 * as such (ids imp-…, names 样例·…), for measuring the import: one district of subdistricts, each
 * with villages, a working committee per subdistrict, a branch per village governing it, enterprises,
 * and one enterprise–village pairing per village. With --xlsx, one workbook with a sheet per table.
 */

import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { TEMPLATES, type TemplateName } from './templates.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    out: { type: 'string', default: '.data/import-sample' },
    xlsx: { type: 'boolean', default: false },
  },
});
const total = Number(values.rows);
const villages = Math.max(1, Math.floor(total / 3));
const subdistricts = Math.max(1, Math.ceil(villages / 150));
const enterprises = Math.max(1, Math.ceil(villages / 30));

function* rowsOf(template: TemplateName): Generator<Record<string, string>> {
  if (template === 'places') {
    yield { id: 'imp-district', name: '样例·区', kind: '区', parentId: '' };
    for (let s = 0; s < subdistricts; s += 1) yield { id: `imp-sub-${s}`, name: `样例·街道${s}`, kind: '街道', parentId: 'imp-district' };
    for (let v = 0; v < villages; v += 1)
      yield { id: `imp-village-${v}`, name: `样例·村${v}`, kind: '村', parentId: `imp-sub-${v % subdistricts}` };
  } else if (template === 'organizations') {
    yield { id: 'imp-dc', name: '样例·区委', kind: '区委', parentId: '', governsPlaceId: 'imp-district' };
    for (let s = 0; s < subdistricts; s += 1) {
      yield { id: `imp-sw-${s}`, name: `样例·街道${s}党工委`, kind: '街道党工委', parentId: 'imp-dc', governsPlaceId: `imp-sub-${s}` };
    }
    for (let v = 0; v < villages; v += 1) {
      yield {
        id: `imp-branch-${v}`,
        name: `样例·村${v}党支部`,
        kind: '党支部',
        parentId: `imp-sw-${v % subdistricts}`,
        governsPlaceId: `imp-village-${v}`,
      };
    }
    for (let e = 0; e < enterprises; e += 1)
      yield { id: `imp-enterprise-${e}`, name: `样例·企业${e}`, kind: '企业', locatedInId: `imp-sub-${e % subdistricts}` };
  } else if (template === 'pairings') {
    for (let v = 0; v < villages; v += 1) {
      yield {
        id: `imp-pairing-${v}`,
        kind: '企业联村',
        partnerId: `imp-enterprise-${v % enterprises}`,
        targetId: `imp-village-${v}`,
        programme: '样例工程',
        validFrom: '2024-01-01',
      };
    }
  }
}

const templates: TemplateName[] = ['places', 'organizations', 'pairings'];
mkdirSync(values.out, { recursive: true });
let written = 0;
if (values.xlsx) {
  const path = join(values.out, 'sample.xlsx');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
  for (const template of templates) {
    const sheet = workbook.addWorksheet(TEMPLATES[template].title);
    const columns = TEMPLATES[template].columns;
    sheet.addRow(columns.map((c) => c.header)).commit();
    for (const row of rowsOf(template)) {
      sheet.addRow(columns.map((c) => row[c.key] ?? '')).commit();
      written += 1;
    }
    sheet.commit();
  }
  await workbook.commit();
  console.log(`[sample] ${written} rows → ${path}`);
} else {
  for (const template of templates) {
    const path = join(values.out, `${template}.csv`);
    const out = createWriteStream(path);
    const columns = TEMPLATES[template].columns;
    out.write(`\uFEFF${stringify([columns.map((c) => c.header)])}`);
    for (const row of rowsOf(template)) {
      if (!out.write(stringify([columns.map((c) => row[c.key] ?? '')]))) await once(out, 'drain');
      written += 1;
    }
    out.end();
    await once(out, 'finish');
  }
  console.log(`[sample] ${written} rows → ${values.out}/{${templates.join(',')}}.csv`);
}
