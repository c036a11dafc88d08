/**
 * Saved views (#19), in Chromium, on a tiny synthetic district of its own (seed 43, removed afterwards):
 * an auditor arranges the coverage lens (a date, a node hidden, a node pinned where they put it, zoom
 * and pan), saves it under a name, and the link opens the same picture for a viewer in a new browser
 * context (lens, area, date, the same nodes in the same places, the same zoom); the viewer's list
 * holds only their own views; a view whose nodes were since removed opens with a note saying so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idPrefix, type SyntheticOptions } from '../../data/synthetic/generate.ts';
import { clearSynthetic, loadSynthetic } from '../../data/synthetic/load-synthetic.ts';
import { GraphStore } from '../../graph/graph-store.ts';
import { testDriver } from '../helpers/neo4j.ts';
import { openPage, screenshot, settled, signInContext, startViewer, type Viewer } from './browser.ts';

const TINY: SyntheticOptions = { seed: 43, scale: 'tiny' };
const PREFIX = idPrefix(TINY);
const PATIENT = { GRAPHQL_DB_BUDGET_MS: '120000', QUERY_TIMEOUT_MS: '120000' };
const OWNER = { role: 'auditor' as const, subject: `${PREFIX}owner`, name: '视图保存人' };
const READER = { role: 'viewer' as const, subject: `${PREFIX}reader`, name: '只读读者' };

let viewer: Viewer;
const { driver, database } = testDriver();
let subdistrict = '';

beforeAll(async () => {
  await clearSynthetic(GraphStore.forLoads(driver, database), PREFIX);
  await loadSynthetic(GraphStore.forLoads(driver, database), TINY);
  viewer = await startViewer({ env: PATIENT, as: OWNER });
  const { records } = await driver.executeQuery(
    'MATCH (s:Subdistrict) WHERE s.id STARTS WITH $prefix RETURN s.id AS id ORDER BY s.id LIMIT 1',
    { prefix: PREFIX },
    { database },
  );
  subdistrict = records[0]!.get('id') as string;
}, 600_000);

afterAll(async () => {
  await viewer?.close();
  await driver.executeQuery('MATCH (v:SavedView) WHERE v.owner STARTS WITH $prefix DETACH DELETE v', { prefix: PREFIX }, { database });
  await clearSynthetic(GraphStore.forLoads(driver, database), PREFIX);
  await driver.close();
});

interface Picture {
  url: URLSearchParams;
  villages: number;
  nodes: Record<string, { x: number; y: number }>;
  locked: string[];
  zoom: number;
  pan: { x: number; y: number };
}

async function picture(page: import('playwright-core').Page): Promise<Picture> {
  const shot = await page.evaluate(() => {
    const cy = (window as any).cy;
    const nodes: Record<string, { x: number; y: number }> = {};
    cy.nodes().forEach((n: any) => {
      if (!n.isParent()) nodes[n.id()] = { x: Math.round(n.position('x') * 100) / 100, y: Math.round(n.position('y') * 100) / 100 };
    });
    return {
      search: location.search,
      villages: cy.nodes('[kind = "Village"]').length,
      nodes,
      locked: cy
        .nodes(':locked')
        .map((n: any) => n.id())
        .sort(),
      zoom: Math.round(cy.zoom() * 1000) / 1000,
      pan: { x: Math.round(cy.pan().x), y: Math.round(cy.pan().y) },
    };
  });
  const url = new URLSearchParams(shot.search);
  url.delete('view');
  return { ...shot, url };
}

describe('saved views', () => {
  let link = '';
  let saved: Picture;
  let pinnedVillage = '';

  it('saves the arranged view under a name and gives a link', async () => {
    const { page, problems } = await openPage(viewer, `/?lens=coverage&area=${encodeURIComponent(subdistrict)}&syn=1&asOf=2023-06-30`);
    expect(await settled(page, 240_000)).not.toBe('error');
    // Arrange: hide one village (Delete, undoable), pin another where the planner put it, zoom and pan.
    const chosen = await page.evaluate(() => {
      const cy = (window as any).cy;
      const villages = cy.nodes('[kind = "Village"]');
      return { hide: villages[0].id(), pin: villages[1].id() };
    });
    pinnedVillage = chosen.pin;
    await page.evaluate((id) => {
      const cy = (window as any).cy;
      cy.elements().unselect();
      cy.getElementById(id).select();
    }, chosen.hide);
    await page.focus('#cy');
    await page.keyboard.press('Delete');
    await page.waitForFunction((id) => (window as any).cy.getElementById(id).empty(), chosen.hide);
    await page.evaluate((id) => {
      const cy = (window as any).cy;
      cy.elements().unselect();
      const node = cy.getElementById(id);
      node.position({ x: node.position('x') + 137, y: node.position('y') - 61 });
      node.select();
    }, chosen.pin);
    await page.click('[data-testid="view-pin"]');
    await page.evaluate(() => {
      const cy = (window as any).cy;
      cy.viewport({ zoom: 1.37, pan: { x: 211, y: -73 } });
    });
    await page.fill('[data-testid="view-name"]', '街道结对 2023 年中');
    await page.click('[data-testid="view-save"]');
    await page.waitForSelector('[data-testid="view-link"]', { timeout: 30_000 });
    link = await page.inputValue('[data-testid="view-link"]');
    expect(link).toMatch(/\?view=view-[0-9a-f-]{36}$/);
    expect(await page.textContent('[data-testid="saved-view-list"]')).toContain('街道结对 2023 年中');
    saved = await picture(page);
    expect(saved.locked).toEqual([chosen.pin]);
    expect(saved.nodes[chosen.hide]).toBeUndefined();
    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);

  it('opens identically from the link in a new browser context, for another user who may read', async () => {
    const context = await viewer.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await signInContext(context, READER);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    await page.goto(link);
    expect(await settled(page, 240_000)).not.toBe('error');
    await page.waitForFunction(() => Math.abs((window as any).cy.zoom() - 1.37) < 0.001, null, { timeout: 30_000 });
    const opened = await picture(page);
    await screenshot(page, 'saved-view-reopened');
    expect(opened.url.get('lens')).toBe('coverage');
    expect(opened.url.get('area')).toBe(subdistrict);
    expect(opened.url.get('asOf')).toBe('2023-06-30');
    expect(opened.nodes).toEqual(saved.nodes);
    expect(opened.locked).toEqual(saved.locked);
    expect(opened.zoom).toBe(saved.zoom);
    expect(opened.pan).toEqual(saved.pan);
    // The reader's own list is empty: views are listed to whoever saved them.
    await page.waitForSelector('[data-testid="saved-views"]');
    expect(await page.$('[data-testid="saved-view-list"]')).toBeNull();
    expect(await page.isHidden('#notice')).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  }, 300_000);

  it('opens a view whose nodes were since removed with a note saying so', async () => {
    await driver.executeQuery('MATCH (n:Entity {id: $id}) DETACH DELETE n', { id: pinnedVillage }, { database });
    const context = await viewer.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await signInContext(context, READER);
    const page = await context.newPage();
    await page.goto(link);
    expect(await settled(page, 240_000)).not.toBe('error');
    await page.waitForSelector('#notice:not([hidden])', { timeout: 30_000 });
    const note = await page.textContent('#notice');
    expect(note).toContain('1 个元素已从图中删除');
    expect(note).toContain(pinnedVillage);
    // The rest of the view is there: every other village, the hidden one still hidden.
    const opened = await picture(page);
    expect(opened.villages).toBe(saved.villages - 1);
    expect(opened.zoom).toBe(saved.zoom);
    await context.close();
  }, 300_000);
});
