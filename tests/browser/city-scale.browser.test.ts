/**
 * The viewer at the scale planners work at: a synthetic city (three districts, ~20,000 nodes, from the
 * same generator as `npm run generate -- --scale city`) loaded under its own id prefix and removed
 * afterwards. Regressions of issue #20: the chains lens for a whole district and for all areas, limit
 * refusals named as such, a tree that keeps the planner's place when a node expands, and the layout
 * on a phone and a small laptop.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idPrefix, type SyntheticOptions } from '../../data/synthetic/generate.ts';
import { clearSynthetic, loadSynthetic } from '../../data/synthetic/load-synthetic.ts';
import { GraphStore } from '../../graph/graph-store.ts';
import { gql } from '../helpers/app.ts';
import { testDriver } from '../helpers/neo4j.ts';
import { openPage, screenshot, settled, startViewer, type Viewer } from './browser.ts';

const CITY: SyntheticOptions = { seed: 20, scale: 'city' };
const PREFIX = idPrefix(CITY);

let viewer: Viewer;
const { driver, database } = testDriver();
// What is checked here is behaviour, not speed (bench/ measures that): on a machine shared by many test
// runs a city-scale read can outlast the default per-request database time.
const PATIENT = { GRAPHQL_DB_BUDGET_MS: '120000', QUERY_TIMEOUT_MS: '120000' };
let districts: { id: string; name: string }[] = [];

beforeAll(async () => {
  await clearSynthetic(GraphStore.forLoads(driver, database), PREFIX);
  await loadSynthetic(GraphStore.forLoads(driver, database), CITY);
  viewer = await startViewer({ env: PATIENT });
  const { records } = await driver.executeQuery(
    'MATCH (d:District) WHERE d.id STARTS WITH $prefix RETURN d.id AS id, d.name AS name ORDER BY d.id',
    { prefix: PREFIX },
    { database },
  );
  districts = records.map((r) => ({ id: r.get('id') as string, name: r.get('name') as string }));
  // Loading 20,000 nodes (and building the viewer when its sources changed) takes minutes on a busy machine.
}, 600_000);

afterAll(async () => {
  await viewer?.close();
  await clearSynthetic(GraphStore.forLoads(driver, database), PREFIX);
  await driver.close();
});

/** What the API lists for the chains lens of an area (null: all areas), synthetic data included. */
async function chainsOf(area: string | null) {
  const api = await gql<{ industryChains: { id: string }[] }>(
    viewer.app,
    'query($area: String) { industryChains(area: $area, includeSynthetic: true) { id } }',
    { area },
  );
  expect(api.errors, JSON.stringify(api.errors)).toBeUndefined();
  return api.data!.industryChains.map((c) => c.id);
}

describe('the chains lens at city scale (defect 1)', () => {
  it('draws every chain of a whole synthetic district, in one request for the graph', async () => {
    expect(districts.length).toBe(3);
    const district = districts[0]!;
    const chains = await chainsOf(district.id);
    expect(chains.length).toBeGreaterThan(0);
    const { page, problems } = await openPage(viewer, `/?lens=chains&syn=1&area=${encodeURIComponent(district.id)}`);
    expect(await settled(page)).not.toBe('error');
    const cards = await page.locator('.chain-card').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.id));
    expect(cards.sort()).toEqual([...chains].sort());
    const drawn = await page.evaluate((ids) => ids.filter((id) => (window as any).cy.getElementById(id).nonempty()), chains);
    expect(drawn.sort()).toEqual([...chains].sort());
    await screenshot(page, 'city-chains-district');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws every chain of 全部区域 (all areas) with synthetic data on', async () => {
    const chains = await chainsOf(null);
    expect(chains.filter((id) => id.startsWith(PREFIX)).length).toBeGreaterThan(6);
    const { page, problems } = await openPage(viewer, '/?lens=chains&syn=1');
    expect(await settled(page)).not.toBe('error');
    const drawn = await page.evaluate((ids) => ids.filter((id) => (window as any).cy.getElementById(id).nonempty()), chains);
    expect(drawn.sort()).toEqual([...chains].sort());
    await screenshot(page, 'city-chains-all');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('names the limit when the server refuses a request as too large, never a version mismatch', async () => {
    const strict = await startViewer({ env: { ...PATIENT, GRAPHQL_MAX_COST: '100' } });
    try {
      const { page } = await openPage(strict, '/?lens=chains&syn=1');
      expect(await settled(page)).toBe('error');
      const text = (await page.locator('#status').textContent()) ?? '';
      expect(text).not.toContain('版本不一致');
      expect(text).toContain('超出服务器限制');
      expect(text).toContain('100');
      await page.close();
    } finally {
      await strict.close();
    }
  });
});

/** A node's place on screen (relative to the graph) and the zoom. */
const placeOf = (page: import('playwright-core').Page, id: string) =>
  page.evaluate((nodeId) => {
    const cy = (window as any).cy;
    const { x, y } = cy.getElementById(nodeId).renderedPosition();
    return { x, y, zoom: cy.zoom() as number };
  }, id);

describe('the hierarchy of a district of 1,000 organizations (defect 2)', () => {
  it('expanding a node keeps it where it was at the same zoom; 折叠到第 N 级, 展开一级 and a breadcrumb', async () => {
    const district = districts[1]!;
    const { page, problems } = await openPage(viewer, `/?lens=hierarchy&syn=1&area=${encodeURIComponent(district.id)}`);
    expect(await settled(page)).not.toBe('error');
    // A node whose children are not loaded yet (⊕), at zoom 1 in the middle of the graph.
    const target = await page.evaluate(() => {
      const cy = (window as any).cy;
      const node = cy
        .nodes()
        .filter((n: any) => Number(n.data('childCount') ?? 0) > n.incomers('edge[label = "REPORTS_TO"]').length)
        .sort((a: any, b: any) => Number(b.data('childCount')) - Number(a.data('childCount')))[0];
      cy.zoom(1);
      cy.center(node);
      return { id: node.id() as string, label: String(node.data('label')), children: Number(node.data('childCount')) };
    });
    const before = await placeOf(page, target.id);
    const count = await page.evaluate(() => (window as any).cy.nodes().length);
    const box = (await page.locator('#cy').boundingBox())!;
    await page.mouse.dblclick(box.x + before.x, box.y + before.y);
    await page.waitForFunction((n) => (window as any).cy.nodes().length > n, count);
    await settled(page);
    const after = await placeOf(page, target.id);
    expect(after.zoom).toBeCloseTo(before.zoom, 3);
    expect(Math.abs(after.x - before.x)).toBeLessThan(2);
    expect(Math.abs(after.y - before.y)).toBeLessThan(2);
    const children = await page.evaluate(
      (id) => (window as any).cy.getElementById(id).incomers('edge[label = "REPORTS_TO"]').sources().length,
      target.id,
    );
    expect(children).toBe(target.children);
    await screenshot(page, 'city-hierarchy-expanded-in-place');

    // The breadcrumb: from the district committee down to the node in hand.
    const crumbs = await page.getByTestId('hierarchy-breadcrumb').locator('button').allTextContents();
    expect(crumbs.length).toBeGreaterThan(2);
    expect(crumbs.at(-1)).toBe(target.label);
    expect(crumbs[0]).toContain('区委');

    // 折叠到第 2 级: the root and its working committees only; 展开一级 brings level 3 back.
    const visibleLevels = () =>
      page.evaluate(() => {
        const cy = (window as any).cy;
        const root = cy.nodes().filter((n: any) => n.outgoers('edge[label = "REPORTS_TO"]').empty())[0];
        let level = 1;
        let frontier = root;
        while (frontier.nonempty()) {
          const next = frontier.incomers('edge[label = "REPORTS_TO"]').sources();
          if (next.empty()) break;
          frontier = next;
          level++;
        }
        return { level, nodes: cy.nodes().length as number };
      });
    await page.getByTestId('fold-to-level').selectOption('2');
    const folded = await visibleLevels();
    expect(folded.level).toBe(2);
    await page.getByTestId('expand-level').click();
    await settled(page);
    const expanded = await visibleLevels();
    expect(expanded.level).toBe(3);
    expect(expanded.nodes).toBeGreaterThan(folded.nodes);
    // Undo brings back the folded view in one step.
    await page.keyboard.press('Control+z');
    expect((await visibleLevels()).level).toBe(2);
    expect(problems).toEqual([]);
    await page.close();
  });
});

/** Boxes of the graph, the details panel, the minimap and the audit board, and whether the page scrolls. */
const layoutOf = (page: import('playwright-core').Page) =>
  page.evaluate(() => {
    const box = (selector: string) => {
      const el = document.querySelector(selector) as HTMLElement | null;
      if (!el || getComputedStyle(el).display === 'none' || el.hidden) return null;
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top + window.scrollY, width: r.width, height: r.height };
    };
    const body = getComputedStyle(document.body);
    return {
      cy: box('#cy')!,
      details: box('#details'),
      minimap: box('#minimap'),
      board: box('.audit-board'),
      hint: box('#graph-hint'),
      pageHeight: document.scrollingElement!.scrollHeight,
      scrolls: body.overflowY !== 'hidden' || document.scrollingElement!.scrollHeight <= window.innerHeight,
    };
  });

describe('layout on a phone and a small laptop (defect 4)', () => {
  it('at 390 px the graph has the width of the screen and the details panel can be scrolled to', async () => {
    const page = await viewer.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${viewer.baseUrl}/?lens=network&focus=${encodeURIComponent(districts[0]!.id)}&syn=1`);
    expect(await settled(page)).not.toBe('error');
    const layout = await layoutOf(page);
    expect(layout.cy.width).toBeGreaterThan(340);
    expect(layout.cy.height).toBeGreaterThan(300);
    // Below the graph, within the page's width, and the page scrolls to it.
    expect(layout.details).not.toBeNull();
    expect(layout.details!.left).toBeGreaterThanOrEqual(0);
    expect(layout.details!.left + layout.details!.width).toBeLessThanOrEqual(391);
    expect(layout.details!.width).toBeGreaterThan(300);
    expect(layout.scrolls).toBe(true);
    expect(layout.details!.top).toBeLessThan(layout.pageHeight);
    // A tap shows the details there.
    await page.evaluate((id) => (window as any).cy.getElementById(id).emit('tap'), districts[0]!.id);
    await page.locator('#details h2, #details h3').first().waitFor();
    await page.locator('#details').scrollIntoViewIfNeeded();
    expect(await page.locator('#details').isVisible()).toBe(true);
    // The minimap would cover a phone's graph.
    expect(layout.minimap).toBeNull();
    await screenshot(page, 'city-phone-network');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('at 1024 px the minimap is hidden and the audit board leaves the graph its height, the hint off the board', async () => {
    const page = await viewer.context.newPage();
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`${viewer.baseUrl}/?lens=audit&syn=1&area=${encodeURIComponent(districts[0]!.id)}`);
    expect(await settled(page)).not.toBe('error');
    await page.getByTestId('audit-board').waitFor();
    const layout = await layoutOf(page);
    expect(layout.minimap).toBeNull();
    expect(layout.cy.height).toBeGreaterThan(420);
    expect(layout.board).not.toBeNull();
    // The hint line is not drawn over the board.
    if (layout.hint) {
      const overlaps =
        layout.hint.top < layout.board!.top + layout.board!.height && layout.hint.top + layout.hint.height > layout.board!.top;
      expect(overlaps).toBe(false);
    }
    // The minimap can still be asked for.
    await page.getByTestId('minimap-toggle').click();
    expect((await layoutOf(page)).minimap).not.toBeNull();
    await screenshot(page, 'city-1024-audit');
    await page.close();
  });
});
