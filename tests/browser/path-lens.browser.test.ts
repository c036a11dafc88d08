/**
 * The path lens answers organisational questions (#20), in a real Chromium on the fixture graph (prefix
 * tpl, tests/helpers/fixture.ts: b1 → 联合党委 ← b3, and longer ways round through the villages): the
 * alternatives the API's `paths` gives are offered shortest first, the chosen one is highlighted, its
 * steps are said in words exactly as the API says them (Chinese by default, English with the switch),
 * and the downloaded list holds the same steps. Screenshots: path-alternatives-zh, path-alternatives-en.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../helpers/app.ts';
import { loadFixture, removeFixture } from '../helpers/fixture.ts';
import { testDriver } from '../helpers/neo4j.ts';
import { openPage, screenshot, settled, startViewer, type Viewer } from './browser.ts';

const P = 'tpl';
const from = `${P}-b1`;
const to = `${P}-b3`;
const { driver, database } = testDriver();
let viewer: Viewer;

interface ApiPath {
  length: number;
  text: string;
  en: string;
  elements: { nodes: { data: { id: string } }[]; edges: { data: { id: string } }[] };
  steps: { text: string }[];
}
let api: ApiPath[] = [];

beforeAll(async () => {
  await removeFixture(driver, database, P);
  await loadFixture(driver, database, P);
  viewer = await startViewer();
  const answer = await gql<{ paths: ApiPath[] }>(
    viewer.app,
    `query($from: ID!, $to: ID!) { paths(from: $from, to: $to, k: 3, maxLength: 8) {
       length text en: text(lang: EN) elements { nodes { data { id } } edges { data { id } } } steps { text } } }`,
    { from, to },
  );
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  api = answer.data!.paths;
  expect(api.length).toBe(3);
});

afterAll(async () => {
  await viewer?.close();
  await removeFixture(driver, database, P);
  await driver.close();
});

const highlighted = (page: import('playwright-core').Page) =>
  page.evaluate(() => {
    const cy = (window as any).cy;
    return {
      nodes: cy
        .nodes('.path')
        .map((n: any) => n.id())
        .sort(),
      edges: cy
        .edges('.path')
        .map((e: any) => e.id())
        .sort(),
    };
  });
const idsOf = (path: ApiPath) => ({
  nodes: path.elements.nodes.map((n) => n.data.id).sort(),
  edges: path.elements.edges.map((e) => e.data.id).sort(),
});

describe('the path lens', () => {
  it('offers the alternatives shortest first, highlights the chosen one and says its steps in words', async () => {
    const { page, problems } = await openPage(viewer, `/?lens=path&from=${from}&to=${to}`);
    expect(await settled(page)).not.toBe('error');
    const buttons = page.getByTestId('path-alternatives').locator('button');
    expect(await buttons.count()).toBe(api.length);
    expect(await buttons.allTextContents()).toEqual(api.map((p, i) => `路径 ${i + 1}：${p.length} 步`));
    expect(await page.getByTestId('path-alternative-1').getAttribute('aria-pressed')).toBe('true');
    expect(await highlighted(page)).toEqual(idsOf(api[0]!));
    expect(await page.getByTestId('path-text').textContent()).toBe(`用文字说明：${api[0]!.text}`);
    // One row per node; each but the last says the step leaving it, as the API says it.
    const rows = await page.getByTestId('path-steps').locator('li .rel').allTextContents();
    expect(rows.map((r) => r.slice(2))).toEqual(api[0]!.steps.map((s) => s.text));
    await screenshot(page, 'path-alternatives-zh');

    // The next shortest, on a click: its elements highlighted, its words shown; the graph is not reloaded.
    const drawn = await page.evaluate(() => (window as any).cy.elements().length);
    await page.getByTestId('path-alternative-2').click();
    expect(await page.getByTestId('path-alternative-2').getAttribute('aria-pressed')).toBe('true');
    expect(await highlighted(page)).toEqual(idsOf(api[1]!));
    expect(await page.getByTestId('path-text').textContent()).toBe(`用文字说明：${api[1]!.text}`);
    expect(await page.evaluate(() => (window as any).cy.elements().length)).toBe(drawn);
    // Every alternative is drawn and none of it faded; exactly what lies on none of them is faded.
    const faded = await page.evaluate(
      (ids) => {
        const cy = (window as any).cy;
        const on = new Set(ids);
        return {
          missing: ids.filter((id: string) => cy.getElementById(id).empty()).length,
          onAny: ids.filter((id: string) => cy.getElementById(id).hasClass('faded')).length,
          offAll: cy.elements().filter((e: any) => !on.has(e.id())).length,
          faded: cy.elements('.faded').length,
        };
      },
      api.flatMap((p) => [...p.elements.nodes, ...p.elements.edges].map((e) => e.data.id)),
    );
    expect(faded).toMatchObject({ missing: 0, onAny: 0 });
    expect(faded.faded).toBe(faded.offAll);
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);

  it('says the steps in English with the language switch', async () => {
    const { page, problems } = await openPage(viewer, `/?lens=path&from=${from}&to=${to}&lang=en`);
    expect(await settled(page)).not.toBe('error');
    expect(await page.getByTestId('path-alternatives').locator('button').first().textContent()).toBe(`Path 1: ${api[0]!.length} steps`);
    expect(await page.getByTestId('path-text').textContent()).toBe(`In words: ${api[0]!.en}`);
    await screenshot(page, 'path-alternatives-en');
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);

  it('downloads the steps of every alternative as a list, as the API gives them', async () => {
    const { page, problems } = await openPage(viewer, `/?lens=path&from=${from}&to=${to}`);
    expect(await settled(page)).not.toBe('error');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-path-csv').click()]);
    const text = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = text.split(/\r?\n/);
    expect(lines[0]).toBe('关联路径');
    const header = lines.findIndex((l) => l.startsWith('路径,'));
    const rows = lines
      .slice(header + 1)
      .filter(Boolean)
      .map((l) => l.split(','));
    expect(rows.map((r) => [Number(r[0]), r.at(-1)])).toEqual(api.flatMap((p, i) => p.steps.map((s) => [i + 1, s.text])));
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);
});
