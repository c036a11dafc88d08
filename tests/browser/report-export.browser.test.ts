/**
 * Exports ready for a report (汇报), in a real Chromium (#20): the unpaired-villages list downloaded from
 * the coverage lens holds the API's unpaired list with district, 街道 and status; the graph as SVG
 * carries the title, the date in Beijing time, a legend of the kinds drawn, the data-source line, and
 * the 合成数据 watermark exactly when synthetic data is drawn; the PNG is a real picture larger than the
 * graph alone (room for title, legend and source). A fixture (prefix tbr) marked synthetic gives the
 * synthetic view. Screenshot: report-export-coverage.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../helpers/app.ts';
import { loadFixture, removeFixture } from '../helpers/fixture.ts';
import { testDriver } from '../helpers/neo4j.ts';
import { openPage, screenshot, settled, startViewer, type Viewer } from './browser.ts';

const DISTRICT = 'sz-shizhong-district';
const P = 'tbr';
const { driver, database } = testDriver();
let viewer: Viewer;

beforeAll(async () => {
  await removeFixture(driver, database, P);
  await loadFixture(driver, database, P);
  // The fixture as generated data: its district is then a synthetic area, drawn with the watermark.
  await driver.executeQuery(
    'MATCH (n:Entity) WHERE n.id STARTS WITH $prefix SET n.synthetic = true WITH n MATCH (n)-[r]-() SET r.synthetic = true',
    { prefix: `${P}-` },
    { database },
  );
  viewer = await startViewer();
});

afterAll(async () => {
  await viewer?.close();
  await removeFixture(driver, database, P);
  await driver.close();
});

async function downloadText(page: import('playwright-core').Page, testId: string): Promise<{ name: string; text: string; bytes: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent('download').catch(async (error: unknown) => {
      // A refused download says why beside its button.
      throw new Error(`${String(error)}: ${await page.locator('.list-downloads [role="alert"]').allTextContents()}`);
    }),
    page.getByTestId(testId).click(),
  ]);
  const bytes = readFileSync((await download.path())!);
  return { name: download.suggestedFilename(), text: bytes.toString('utf8'), bytes };
}

describe('exports from the screen', () => {
  it('downloads the unpaired villages on screen with district, 街道 and status, as the API lists them', async () => {
    const api = await gql<{ pairingCoverage: { asOf: string; unpaired: { nodes: { id: string; name: string }[] } } }>(
      viewer.app,
      `{ pairingCoverage(area: "${DISTRICT}") { asOf unpaired(first: 500) { nodes { id name } } } }`,
    );
    expect(api.errors, JSON.stringify(api.errors)).toBeUndefined();
    const unpaired = api.data!.pairingCoverage.unpaired.nodes;
    expect(unpaired.length).toBeGreaterThan(0);
    const { page, problems } = await openPage(viewer, `/?lens=coverage&area=${DISTRICT}`);
    await settled(page);
    const { name, text } = await downloadText(page, 'download-unpaired-csv');
    expect(name).toMatch(/^unpaired-sz-shizhong-district-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('未结对清单');
    expect(lines[1]).toMatch(/^导出时间（北京时间）,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const headerAt = lines.findIndex((l) => l.startsWith('区,街道,编号'));
    const rows = lines.slice(headerAt + 1).map((l) => l.split(','));
    expect(rows.map((r) => r[2]).sort()).toEqual(unpaired.map((v) => v.id).sort());
    expect(rows.every((r) => r[0] === '市中区' && r[1]!.endsWith('街道') && ['未结对', '结对已结束'].includes(r[4]!))).toBe(true);
    const shown = await page
      .getByTestId('unpaired-list')
      .locator('li')
      .evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.id));
    expect(rows.map((r) => r[2]).sort()).toEqual(shown.sort());
    await screenshot(page, 'report-export-coverage');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('exports the graph as SVG with title, Beijing date, legend and source, and as a PNG with room for them', async () => {
    const { page, problems } = await openPage(viewer, `/?lens=coverage&area=${DISTRICT}`);
    await settled(page);
    const svg = await downloadText(page, 'export-svg');
    expect(svg.name).toMatch(/\.svg$/);
    expect(svg.text.startsWith('<svg')).toBe(true);
    expect(svg.text).toMatch(/data-role="title">济南党组织图谱 · 结对覆盖 · 市中区</);
    expect(svg.text).toMatch(/data-role="date">导出时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）</);
    expect(svg.text).toMatch(/data-role="source">数据来源：/);
    // The legend names the kinds drawn (villages, the 街道 boxes) and the pairing statuses.
    const legend = /<g data-role="legend">(.*?)<\/g>/.exec(svg.text)?.[1] ?? '';
    expect(legend).toContain('>村<');
    expect(legend).toContain('街道');
    expect(legend).toMatch(/✕ 未结对|✓ 已结对/);
    // The graph itself, drawn by cytoscape-svg, is inside.
    expect((svg.text.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(svg.text).not.toContain('data-watermark');

    const png = await downloadText(page, 'export-png');
    expect(png.name).toMatch(/\.png$/);
    expect(png.bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    const width = png.bytes.readUInt32BE(16);
    const height = png.bytes.readUInt32BE(20);
    const graph = await page.evaluate(() => {
      const bb = (window as any).cy.elements().boundingBox();
      return { w: bb.w, h: bb.h };
    });
    // Twice the scale, with the header, legend and source line around the graph.
    expect(width).toBeGreaterThanOrEqual(Math.floor(graph.w * 2));
    expect(height).toBeGreaterThan(Math.floor(graph.h * 2) + 100);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('marks a picture of synthetic data with the 合成数据 watermark', async () => {
    const { page, problems } = await openPage(viewer, `/?lens=coverage&syn=1&area=${P}-district`);
    await settled(page);
    expect(await page.evaluate(() => (window as any).cy.nodes('[?synthetic]').length)).toBeGreaterThan(0);
    const svg = await downloadText(page, 'export-svg');
    expect(svg.text).toMatch(/data-watermark="synthetic"[^>]*>合成数据</);
    expect(problems).toEqual([]);
    await page.close();
  });
});
