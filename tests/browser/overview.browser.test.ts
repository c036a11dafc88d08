/**
 * The city overview lens (issue #19): a synthetic city of ~20,000 entities (the generator's city scale,
 * loaded under its own id prefix and removed afterwards) drawn at once, grouped by district and 街道.
 * The groups and element counts on the page are the server's (cityOverview); a 街道 unfolds on a
 * double-click; 全部展开 puts every entity and relationship on screen; the view pans and zooms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idPrefix, type SyntheticOptions } from '../../data/synthetic/generate.ts';
import { clearSynthetic, loadSynthetic } from '../../data/synthetic/load-synthetic.ts';
import { GraphStore } from '../../graph/graph-store.ts';
import { gql } from '../helpers/app.ts';
import { testDriver } from '../helpers/neo4j.ts';
import { openPage, screenshot, settled, startViewer, type Viewer } from './browser.ts';

const CITY: SyntheticOptions = { seed: 21, scale: 'city' };
const PREFIX = idPrefix(CITY);
// Behaviour, not speed (bench/ measures that): city-scale reads on a busy machine get time.
const PATIENT = { GRAPHQL_DB_BUDGET_MS: '120000', QUERY_TIMEOUT_MS: '120000' };

let viewer: Viewer;
const { driver, database } = testDriver();
let cityId = '';

interface ApiOverview {
  cityOverview: {
    truncated: boolean;
    groups: { id: string; name: string; kind: string; parent: string | null; nodes: number }[];
    nodes: { data: { id: string; parent: string | null } }[];
    edges: { data: { id: string; source: string; target: string; label: string } }[];
  };
}
let api: ApiOverview['cityOverview'];

beforeAll(async () => {
  await clearSynthetic(GraphStore.forLoads(driver, database), PREFIX);
  await loadSynthetic(GraphStore.forLoads(driver, database), CITY);
  viewer = await startViewer({ env: PATIENT });
  const { records } = await driver.executeQuery('MATCH (c:City) WHERE c.id STARTS WITH $p RETURN c.id AS id', { p: PREFIX }, { database });
  cityId = records[0]!.get('id') as string;
  const answer = await gql<ApiOverview>(
    viewer.app,
    `query($area: String!) { cityOverview(area: $area, includeSynthetic: true) { truncated
      groups { id name kind parent nodes } nodes { data { id parent } } edges { data { id source target label } } } }`,
    { area: cityId },
  );
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  api = answer.data!.cityOverview;
}, 600_000);

afterAll(async () => {
  await viewer?.close();
  await clearSynthetic(GraphStore.forLoads(driver, database), PREFIX);
  await driver.close();
});

/** What the page holds: drawn nodes and edges, folded 街道 with the count each shows. */
const onPage = (page: import('playwright-core').Page) =>
  page.evaluate(() => {
    const cy = (window as any).cy;
    const folded = cy.nodes('.overview-subdistrict').filter((n: any) => n.isChildless());
    return {
      nodes: cy.nodes().length as number,
      edges: cy.edges().length as number,
      districts: cy.nodes('.overview-district').map((n: any) => n.id()) as string[],
      folded: folded.map((n: any) => ({
        id: n.id() as string,
        count: Number(n.data('count')),
        caption: String(n.data('caption')),
      })) as { id: string; count: number; caption: string }[],
      zoom: cy.zoom() as number,
      pan: { ...cy.pan() } as { x: number; y: number },
    };
  });

describe('the city overview', () => {
  it('draws the synthetic city grouped by district and 街道, with the server’s groups and counts', async () => {
    expect(api.truncated).toBe(false);
    expect(api.nodes.length).toBeGreaterThan(20_000);
    const subdistricts = api.groups.filter((g) => g.kind === 'Subdistrict');
    const districts = api.groups.filter((g) => g.kind === 'District');
    expect(districts.length).toBe(3);
    expect(subdistricts.length).toBeGreaterThan(20);

    const { page, problems } = await openPage(viewer, `/?lens=overview&syn=1&area=${encodeURIComponent(cityId)}`);
    expect(await settled(page, 300_000)).not.toBe('error');
    const first = await onPage(page);
    // Every 街道 folded into one node showing how many entities it holds (the server's count).
    expect(first.districts.sort()).toEqual(districts.map((d) => d.id).sort());
    expect(first.folded.map((f) => f.id).sort()).toEqual(subdistricts.map((s) => s.id).sort());
    for (const f of first.folded) {
      const group = subdistricts.find((s) => s.id === f.id)!;
      expect(f.count).toBe(group.nodes);
      expect(f.caption).toContain(group.name);
      expect(f.caption).toContain(group.nodes.toLocaleString('zh-CN'));
    }
    // Everything is accounted for: the drawn nodes and those folded in the 街道.
    expect(first.nodes + first.folded.reduce((sum, f) => sum + f.count, 0)).toBe(api.nodes.length);
    const rows = await page.getByTestId('overview-groups').locator('tbody tr').count();
    expect(rows).toBe(api.groups.length);
    await screenshot(page, 'overview-city-folded');

    // Pan (drag) and zoom (wheel) answer.
    const box = (await page.locator('#cy').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -600);
    await page.waitForFunction((z) => (window as any).cy.zoom() > z, first.zoom);
    await page.mouse.move(box.x + 40, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 240, box.y + box.height / 2 + 60, { steps: 8 });
    await page.mouse.up();
    const moved = await onPage(page);
    expect(moved.zoom).toBeGreaterThan(first.zoom);
    expect(moved.pan.x).not.toBe(first.pan.x);

    // A double-click on a folded 街道 unfolds it: its entities are drawn.
    const target = first.folded.sort((a, b) => b.count - a.count)[0]!;
    await page.evaluate((id) => {
      const cy = (window as any).cy;
      cy.zoom(0.6);
      cy.center(cy.getElementById(id));
    }, target.id);
    const at = await page.evaluate((id) => (window as any).cy.getElementById(id).renderedPosition(), target.id);
    await page.mouse.dblclick(box.x + at.x, box.y + at.y);
    await page.waitForFunction((n) => (window as any).cy.nodes().length > n, first.nodes, { timeout: 300_000 });
    const opened = await onPage(page);
    expect(opened.nodes).toBe(first.nodes + target.count);
    await screenshot(page, 'overview-city-subdistrict-open');

    // 全部展开: every entity and every relationship (but the PART_OF the boxes show) drawn at once.
    await page.getByTestId('overview-expand-all').click({ timeout: 300_000 });
    await page.waitForFunction(
      () => (window as any).cy.nodes('.overview-subdistrict').filter((n: any) => n.isChildless()).length === 0,
      null,
      { timeout: 300_000 },
    );
    const all = await onPage(page);
    const parentOf = new Map(api.nodes.map((n) => [n.data.id, n.data.parent]));
    const nested = api.edges.filter((e) => e.data.label === 'PART_OF' && parentOf.get(e.data.source) === e.data.target).length;
    expect(all.nodes).toBe(api.nodes.length);
    expect(all.edges).toBe(api.edges.length - nested);
    expect(all.nodes + all.edges).toBeGreaterThan(20_000);
    await screenshot(page, 'overview-city-expanded');
    // And back: one step to fold them all again.
    await page.getByTestId('overview-collapse-all').click();
    expect((await onPage(page)).folded.length).toBe(subdistricts.length);
    expect(problems).toEqual([]);
    await page.close();
  }, 600_000);

  it('speaks English too', async () => {
    const { page, problems } = await openPage(viewer, `/?lens=overview&syn=1&lang=en&area=${encodeURIComponent(cityId)}`);
    expect(await settled(page, 300_000)).not.toBe('error');
    expect(await page.getByTestId('overview-summary').textContent()).toMatch(/entities, .* relationships; 3 districts/);
    expect(await page.locator('#lens-tabs [data-lens="overview"]').textContent()).toBe('City overview');
    expect(await page.getByTestId('overview-expand-all').textContent()).toBe('Expand all');
    expect(problems).toEqual([]);
    await page.close();
  }, 600_000);
});
