/**
 * Readable large views (issue #20): on a synthetic city (the generator's city scale, its own id prefix,
 * removed afterwards) the network lens warns before a reach that would draw thousands of nodes (the
 * count is the server's), groups what lies beyond the first step by kind into folded boxes with counts
 * that open on demand, sizes nodes by degree and draws hub labels first; the depth-3 network's
 * overlapping label pairs are measured as the viewer drew them before (every label, the whole graph
 * laid out) and as it draws them now. And the graph by keyboard: arrows to a neighbour, Enter for
 * details, +/− to zoom, a visible focus, and axe-core finds no serious or critical violation.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idPrefix, type SyntheticOptions } from '../../data/synthetic/generate.ts';
import { clearSynthetic, loadSynthetic } from '../../data/synthetic/load-synthetic.ts';
import { GraphStore } from '../../graph/graph-store.ts';
import { gql } from '../helpers/app.ts';
import { testDriver } from '../helpers/neo4j.ts';
import { openPage, screenshot, settled, startViewer, type Viewer } from './browser.ts';
import { LABEL_OVERLAP_SCRIPT, LABELLED_NODE_OVERLAP_SCRIPT } from './label-overlap.ts';

const CITY: SyntheticOptions = { seed: 22, scale: 'city' };
const PREFIX = idPrefix(CITY);
const PATIENT = { GRAPHQL_DB_BUDGET_MS: '120000', QUERY_TIMEOUT_MS: '120000' };
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let viewer: Viewer;
const { driver, database } = testDriver();
/** The entity whose depth-3 network is nearest the review's 1,778 nodes, and its sizes per depth. */
let focus = '';
let sizes = { depth1: 0, depth2: 0, depth3: 0 };

beforeAll(async () => {
  await clearSynthetic(GraphStore.forLoads(driver, database), PREFIX);
  await loadSynthetic(GraphStore.forLoads(driver, database), CITY);
  viewer = await startViewer({ env: PATIENT });
  const { records } = await driver.executeQuery(
    `MATCH (p:Place) WHERE p.id STARTS WITH $p AND (p:District OR p:Subdistrict)
     RETURN p.id AS id ORDER BY p:District DESC, p.id LIMIT 8`,
    { p: PREFIX },
    { database },
  );
  let best = Number.POSITIVE_INFINITY;
  for (const record of records) {
    const id = record.get('id') as string;
    const answer = await gql<{ neighbourhoodSize: typeof sizes }>(
      viewer.app,
      `{ neighbourhoodSize(id: "${id}") { depth1 depth2 depth3 } }`,
    );
    expect(answer.errors).toBeUndefined();
    const s = answer.data!.neighbourhoodSize;
    if (s.depth3 > 1000 && s.depth3 <= 2000 && Math.abs(s.depth3 - 1778) < best) {
      best = Math.abs(s.depth3 - 1778);
      focus = id;
      sizes = s;
    }
  }
  expect(focus, 'an entity with 1,000–2,000 nodes within three steps').not.toBe('');
}, 600_000);

afterAll(async () => {
  await viewer?.close();
  await clearSynthetic(GraphStore.forLoads(driver, database), PREFIX);
  await driver.close();
});

const overlap = (page: Page, all = false) => page.evaluate(LABEL_OVERLAP_SCRIPT(all)) as Promise<{ labels: number; pairs: number }>;

/** The view at zoom 1 on the centre, as a planner reads it. */
const zoomOneOnFocus = (page: Page, id: string) =>
  page.evaluate((f) => {
    const cy = (window as any).cy;
    cy.zoom(1);
    cy.center(cy.getElementById(f));
  }, id);

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => (await (window as any).axe.run(document, { resultTypes: ['violations'] })).violations);
  return (violations as { id: string; impact: string; nodes: { target: string[] }[] }[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('the depth-3 network of a district', () => {
  it('warns with the server’s count before drawing thousands, then draws it grouped, sized and legible', async () => {
    const { page, problems } = await openPage(viewer, `/?lens=network&syn=1&focus=${encodeURIComponent(focus)}`);
    expect(await settled(page, 300_000)).not.toBe('error');
    const before = await page.evaluate(() => (window as any).cy.nodes().length);

    // Asking for three steps: the count first, and nothing drawn until the planner agrees.
    await page.getByTestId('depth-select').selectOption('3');
    const warning = page.getByTestId('depth-warning');
    await warning.waitFor({ state: 'visible' });
    expect(Number(await warning.getAttribute('data-count'))).toBe(sizes.depth3);
    expect(await page.getByTestId('depth-warning-text').textContent()).toContain(sizes.depth3.toLocaleString('zh-CN'));
    await page.getByTestId('depth-warning-cancel').click();
    expect(new URL(page.url()).searchParams.get('depth')).toBeNull();
    expect(await page.getByTestId('depth-select').inputValue()).toBe('1');
    expect(await page.evaluate(() => (window as any).cy.nodes().length)).toBe(before);
    await page.getByTestId('depth-select').selectOption('3');
    await page.getByTestId('depth-warning-go').click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('depth') === '3');
    expect(await settled(page, 300_000)).not.toBe('error');

    // Grouped: beyond the first step, one folded box per kind with its count; all nodes accounted for.
    const grouped = await page.evaluate(() => {
      const cy = (window as any).cy;
      const boxes = cy.nodes('.aggregate');
      return {
        drawn: cy.nodes().not('.aggregate').length as number,
        boxes: boxes.map((b: any) => ({
          id: b.id(),
          count: Number(b.data('count')),
          caption: String(b.data('caption')),
          inside: b.data('collapsedChildren')?.nodes().length ?? 0,
          folded: b.hasClass('cy-expand-collapse-collapsed-node'),
        })) as { id: string; count: number; caption: string; inside: number; folded: boolean }[],
        hubs: cy.nodes('.lod-hub').length as number,
        sized: cy.nodes('.by-degree').length as number,
      };
    });
    expect(grouped.boxes.length).toBeGreaterThan(2);
    expect(grouped.boxes.every((b) => b.folded && b.inside === b.count && b.caption.includes(b.count.toLocaleString('zh-CN')))).toBe(true);
    expect(grouped.drawn + grouped.boxes.reduce((sum, b) => sum + b.inside, 0)).toBe(sizes.depth3);
    expect(grouped.drawn + grouped.boxes.length).toBeLessThan(250);
    expect(grouped.hubs).toBeGreaterThan(0);
    expect(grouped.sized).toBeGreaterThan(grouped.hubs);
    const notice = (await page.locator('#notice').textContent()) ?? '';
    expect(notice).toContain(String(grouped.boxes.length));

    // Legibility now, at zoom 1 on the centre and fitted.
    await zoomOneOnFocus(page, focus);
    const nowAtOne = await overlap(page);
    // The non-overlap pass (web/src/layouts.ts nonOverlapLayout): labelled nodes, labels included, lie
    // on one another in a few pairs at most: none on a quiet machine, but its 4 s limit stops it short on
    // a loaded one (5 pairs of 24 seen in a full browser run), so a quarter of the labelled nodes is the
    // bound here; compared below with the same count as the viewer drew before (thousands of pairs).
    const nodesAtOne = (await page.evaluate(LABELLED_NODE_OVERLAP_SCRIPT())) as { nodes: number; pairs: number };
    expect(nodesAtOne.nodes).toBeGreaterThan(5);
    expect(nodesAtOne.pairs).toBeLessThanOrEqual(Math.ceil(nodesAtOne.nodes * 0.25));
    await page.evaluate(() => (window as any).cy.fit(undefined, 30));
    const nowFitted = await overlap(page);
    const nodesFitted = (await page.evaluate(LABELLED_NODE_OVERLAP_SCRIPT())) as { nodes: number; pairs: number };
    console.log(
      `labelled nodes overlapping: ${nodesAtOne.pairs} of ${nodesAtOne.nodes} at zoom 1, ${nodesFitted.pairs} of ${nodesFitted.nodes} fitted`,
    );
    expect(nodesFitted.pairs).toBeLessThanOrEqual(Math.ceil(nodesFitted.nodes * 0.25));
    await screenshot(page, 'large-network-depth3-grouped');

    // A box opens on a double-click: its members are drawn.
    const box = grouped.boxes.sort((a, b) => a.count - b.count)[0]!;
    const at = await page.evaluate((id) => {
      const cy = (window as any).cy;
      cy.zoom(1);
      cy.center(cy.getElementById(id));
      return cy.getElementById(id).renderedPosition();
    }, box.id);
    const frame = (await page.locator('#cy').boundingBox())!;
    const drawnBefore = await page.evaluate(() => (window as any).cy.nodes().length);
    await page.mouse.dblclick(frame.x + at.x, frame.y + at.y);
    await page.waitForFunction((n) => (window as any).cy.nodes().length > n, drawnBefore);
    expect(await page.evaluate(() => (window as any).cy.nodes().length)).toBe(drawnBefore + box.count);
    await screenshot(page, 'large-network-depth3-box-open');

    // As the viewer drew it before: every box open, no importance classes, the whole graph laid out
    // by fCoSE with the settings for a graph this size (web/src/layouts.ts), every label drawn.
    await page.evaluate(async () => {
      const cy = (window as any).cy;
      const api = cy.expandCollapse('get');
      api.expandAll();
      const boxes = cy.nodes('.aggregate');
      boxes.children().move({ parent: null });
      boxes.remove();
      cy.nodes().removeClass('by-degree lod-hub lod-minor');
      await new Promise<void>((done) => {
        const layout = cy.layout({
          name: 'fcose',
          quality: 'default',
          randomize: true,
          animate: false,
          fit: true,
          padding: 30,
          nodeDimensionsIncludeLabels: false,
          packComponents: true,
          nodeRepulsion: () => 6500,
          idealEdgeLength: () => 60,
          edgeElasticity: () => 0.45,
          numIter: 600,
          uniformNodeDimensions: true,
          tile: true,
        });
        layout.one('layoutstop', () => done());
        layout.run();
      });
    });
    expect(await page.evaluate(() => (window as any).cy.nodes().length)).toBe(sizes.depth3);
    await zoomOneOnFocus(page, focus);
    const oldAtOne = await overlap(page, true);
    const oldNodesAtOne = (await page.evaluate(LABELLED_NODE_OVERLAP_SCRIPT(true))) as { nodes: number; pairs: number };
    await page.evaluate(() => (window as any).cy.fit(undefined, 30));
    const oldFitted = await overlap(page, true);
    await screenshot(page, 'large-network-depth3-as-before');
    console.log(
      `depth-3 network of ${sizes.depth3} nodes (${focus}): overlapping label pairs at zoom 1 ${oldAtOne.pairs} (${oldAtOne.labels} labels) before, ${nowAtOne.pairs} (${nowAtOne.labels} labels) now; fitted ${oldFitted.pairs} (${oldFitted.labels}) before, ${nowFitted.pairs} (${nowFitted.labels}) now`,
    );
    expect(oldAtOne.pairs).toBeGreaterThan(100);
    expect(nowAtOne.pairs).toBeLessThan(oldAtOne.pairs / 10);
    expect(nowFitted.pairs).toBeLessThan(oldFitted.pairs / 10);
    console.log(
      `labelled nodes overlapping at zoom 1: ${oldNodesAtOne.pairs} of ${oldNodesAtOne.nodes} before, ${nodesAtOne.pairs} of ${nodesAtOne.nodes} now`,
    );
    expect(oldNodesAtOne.pairs).toBeGreaterThan(100);
    expect(nodesAtOne.pairs).toBeLessThan(oldNodesAtOne.pairs / 20);
    expect(problems).toEqual([]);
    await page.close();
  }, 900_000);

  it('without grouping (a few hundred nodes at most) thins labels by importance when zoomed out', async () => {
    const { page, problems } = await openPage(viewer, `/?lens=network&syn=1&depth=2&focus=${encodeURIComponent(focus)}`);
    expect(await settled(page, 300_000)).not.toBe('error');
    const state = await page.evaluate(() => {
      const cy = (window as any).cy;
      cy.zoom(0.5);
      const shown = (n: any) => Number.parseFloat(n.style('font-size')) * cy.zoom() >= Number.parseFloat(n.style('min-zoomed-font-size'));
      return {
        nodes: cy.nodes().length as number,
        aggregates: cy.nodes('.aggregate').length as number,
        hubsShown: cy.nodes('.lod-hub').filter(shown).length as number,
        minorShown: cy.nodes('.lod-minor').filter(shown).length as number,
        minor: cy.nodes('.lod-minor').length as number,
      };
    });
    if (state.nodes > 400) expect(state.aggregates).toBeGreaterThan(0);
    if (state.nodes > 150) {
      expect(state.minor).toBeGreaterThan(0);
      expect(state.minorShown).toBe(0);
      expect(state.hubsShown).toBeGreaterThan(0);
    }
    expect(problems).toEqual([]);
    await page.close();
  }, 600_000);
});

describe('the graph by keyboard', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    it(`arrows move to a neighbour, Enter opens details, +/− zoom, focus visible (${lang}); axe finds nothing serious`, async () => {
      const { page, problems } = await openPage(
        viewer,
        `/?lens=network&focus=sz-yufu-quanyuan-joint-committee${lang === 'en' ? '&lang=en' : ''}`,
      );
      expect(await settled(page, 300_000)).not.toBe('error');
      // One tab stop with a summary as its name.
      const label = (await page.locator('#cy').getAttribute('aria-label')) ?? '';
      const nodes = await page.evaluate(() => (window as any).cy.nodes().length);
      expect(label).toContain(String(nodes));
      expect(label).toContain(lang === 'en' ? 'Arrow keys' : '方向键');
      // From the toolbar above the graph, Tab reaches the graph.
      await page.locator('#toolbar button').last().focus();
      for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.id)) !== 'cy'; i++) await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('cy');
      const ring = await page.evaluate(() => getComputedStyle(document.getElementById('cy')!).outlineStyle);
      expect(ring).not.toBe('none');

      // The first arrow takes the centre; the next goes to a neighbour lying that way.
      await page.keyboard.press('ArrowRight');
      const first = await page.evaluate(() => (window as any).cy.nodes('.kbd-focus').map((n: any) => n.id()));
      expect(first).toEqual(['sz-yufu-quanyuan-joint-committee']);
      const visited = new Set<string>(first);
      for (const key of ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp']) {
        const from = await page.evaluate(() => (window as any).cy.nodes('.kbd-focus')[0].id());
        await page.keyboard.press(key);
        const step = await page.evaluate((previous) => {
          const cy = (window as any).cy;
          const now = cy.nodes('.kbd-focus');
          return {
            count: now.length,
            id: now[0]?.id(),
            selected: now[0]?.selected(),
            neighbour: now[0] ? cy.getElementById(previous).neighborhood().nodes().contains(now[0]) : false,
            same: now[0]?.id() === previous,
          };
        }, from);
        expect(step.count).toBe(1);
        expect(step.selected).toBe(true);
        // A neighbour when one lies that way; otherwise the nearest node that way, or no move.
        if (!step.same) visited.add(step.id);
        if (!step.same && !step.neighbour) {
          const anyNeighbourThatWay = await page.evaluate(
            ({ previous, k }) => {
              const cy = (window as any).cy;
              const p = cy.getElementById(previous).position();
              const d = ({ ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] } as any)[k];
              return cy
                .getElementById(previous)
                .neighborhood()
                .nodes()
                .some((n: any) => {
                  const q = n.position();
                  const dist = Math.hypot(q.x - p.x, q.y - p.y);
                  return dist > 0 && ((q.x - p.x) * d[0] + (q.y - p.y) * d[1]) / dist >= Math.cos((67.5 * Math.PI) / 180);
                });
            },
            { previous: from, k: key },
          );
          expect(anyNeighbourThatWay).toBe(false);
        }
      }
      expect(visited.size).toBeGreaterThan(2);
      const announced = (await page.getByTestId('graph-announcer').textContent()) ?? '';
      expect(announced).toContain(lang === 'en' ? 'Selected' : '已选中');

      // Enter: the details of the node in hand.
      const name = await page.evaluate(() => (window as any).cy.nodes('.kbd-focus')[0].data('label'));
      await page.keyboard.press('Enter');
      await page.waitForFunction((n) => document.getElementById('details')?.textContent?.includes(n), name);

      // + and − zoom about the middle.
      const zoom = () => page.evaluate(() => (window as any).cy.zoom() as number);
      const z0 = await zoom();
      await page.keyboard.press('+');
      expect(await zoom()).toBeGreaterThan(z0);
      await page.keyboard.press('-');
      await page.keyboard.press('-');
      expect(await zoom()).toBeLessThan(z0);
      await screenshot(page, `keyboard-network-${lang}`);

      expect(await seriousViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    }, 600_000);
  }
});
