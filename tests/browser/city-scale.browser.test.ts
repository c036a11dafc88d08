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
import { gql } from '../helpers/app.ts';
import { testDriver } from '../helpers/neo4j.ts';
import { openPage, screenshot, settled, startViewer, type Viewer } from './browser.ts';

const CITY: SyntheticOptions = { seed: 20, scale: 'city' };
const PREFIX = idPrefix(CITY);

let viewer: Viewer;
const { driver, database } = testDriver();
let districts: { id: string; name: string }[] = [];

beforeAll(async () => {
  await clearSynthetic(driver, database, PREFIX);
  await loadSynthetic(driver, database, CITY);
  viewer = await startViewer();
  const found = await gql<{ organizations: { nodes: { covers: { nodes: { id: string; name: string }[] } }[] } }>(
    viewer.app,
    '{ organizations(kinds: ["DistrictCommittee"], includeSynthetic: true, first: 20) { nodes { ... on Organization { covers(kinds: ["District"], first: 1) { nodes { id name } } } } } }',
  );
  expect(found.errors, JSON.stringify(found.errors)).toBeUndefined();
  districts = found.data!.organizations.nodes.flatMap((o) => o.covers.nodes).filter((d) => d.id.startsWith(PREFIX));
});

afterAll(async () => {
  await viewer?.close();
  await clearSynthetic(driver, database, PREFIX);
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
    const strict = await startViewer({ env: { GRAPHQL_MAX_COST: '100' } });
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
