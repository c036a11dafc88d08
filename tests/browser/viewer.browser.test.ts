/**
 * The viewer in a real Chromium against the real server and the documented dataset: it loads
 * cleanly, search opens an entity, each lens shows what the API says, the language switch, exports,
 * and the URL as the view's state. Every lens leaves a screenshot in test-results/screenshots/.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../helpers/app.ts';
import { nodeLabels, nodeOnPage, openPage, screenshot, settled, startViewer, type Viewer } from './browser.ts';

const YUFU = '玉符泉源联合党委';
const YUFU_VILLAGES = ['西东', '土屋', '相家', '寨而头', '宅科'];
const DISTRICT = '历城区';

let viewer: Viewer;
let yufuId: string;

beforeAll(async () => {
  viewer = await startViewer();
  const found = await gql<{ organization: { id: string } | null }>(
    viewer.app,
    'query($name: String) { organization(name: $name) { id } }',
    { name: YUFU },
  );
  expect(found.errors, JSON.stringify(found.errors)).toBeUndefined();
  yufuId = found.data!.organization!.id;
});

afterAll(async () => {
  await viewer?.close();
});

describe('the viewer page', () => {
  it('loads with no console errors, in Chinese, on the landing page (驾驶舱)', async () => {
    const { page, problems } = await openPage(viewer, '/');
    const state = await settled(page);
    expect(state).not.toBe('error');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.locator('#lens-tabs [aria-selected="true"]').textContent()).toBe('驾驶舱');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('searching 玉符泉源 and opening it shows the committee with its five villages', async () => {
    const { page, problems } = await openPage(viewer, '/');
    await settled(page);
    await page.getByTestId('search').pressSequentially('玉符泉源', { delay: 30 });
    const suggestion = page.locator('.suggestions li[data-id]', { hasText: YUFU }).first();
    await suggestion.waitFor();
    await suggestion.click();
    await page.waitForURL(/lens=network/);
    await settled(page);
    const labels = await nodeLabels(page);
    expect(labels).toContain(YUFU);
    for (const village of YUFU_VILLAGES)
      expect(
        labels.some((label) => label.startsWith(village)),
        `${village} on screen`,
      ).toBe(true);
    // The details panel names the committee and gives a report and the sentence for it.
    const details = page.getByTestId('details');
    await details.locator('h2', { hasText: YUFU }).waitFor();
    expect(await details.getByTestId('sources').locator('blockquote').count()).toBeGreaterThan(0);
    expect(new URL(page.url()).searchParams.get('focus')).toBe(yufuId);
    await screenshot(page, 'network');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows a rate and the unpaired villages of a district that match the API', async () => {
    const api = await gql<{
      pairingCoverage: { rate: number | null; villages: number; unpaired: { totalCount: number; nodes: { id: string; name: string }[] } };
    }>(
      viewer.app,
      'query($area: String!) { pairingCoverage(area: $area) { rate villages unpaired(first: 500) { totalCount nodes { id name } } } }',
      { area: DISTRICT },
    );
    expect(api.errors, JSON.stringify(api.errors)).toBeUndefined();
    const coverage = api.data!.pairingCoverage;
    const { page, problems } = await openPage(viewer, `/?lens=coverage&area=${encodeURIComponent(DISTRICT)}`);
    await settled(page);
    const expectedRate = coverage.rate == null ? '—' : `${(coverage.rate * 100).toFixed(1)}%`;
    expect(await page.getByTestId('coverage-rate').textContent()).toBe(expectedRate);
    const shown =
      coverage.unpaired.totalCount === 0
        ? []
        : await page
            .getByTestId('unpaired-list')
            .locator('li')
            .evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.id));
    expect(shown.sort()).toEqual(coverage.unpaired.nodes.map((v) => v.id).sort());
    // The graph colours the same villages as not paired (or pairing ended).
    const notPaired = await page.evaluate(() =>
      (window as any).cy
        .nodes('.by-pairing')
        .filter((n: any) => n.data('pairing') !== 'paired')
        .map((n: any) => n.id()),
    );
    expect(notPaired.sort()).toEqual(coverage.unpaired.nodes.map((v) => v.id).sort());
    await screenshot(page, 'coverage');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('switches the interface to English and keeps it in the URL', async () => {
    const { page, problems } = await openPage(viewer, '/');
    await settled(page);
    expect(await page.locator('#lens-tabs').textContent()).toContain('组织树');
    await page.locator('#lang-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.locator('#lens-tabs').textContent()).toContain('Hierarchy');
    expect(await page.getByTestId('export-png').textContent()).toBe('Export PNG');
    expect(await page.locator('.brand').textContent()).toBe('Jinan Party Organization Graph');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    await page.reload();
    await settled(page);
    expect(await page.locator('#lens-tabs').textContent()).toContain('Coverage');
    await screenshot(page, 'hierarchy-english');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('exports the view as a PNG image and the visible nodes as CSV', async () => {
    const { page, problems } = await openPage(viewer, `/?lens=network&focus=${encodeURIComponent(yufuId)}`);
    await settled(page);
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
    const image = readFileSync((await png.path())!);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    expect(image.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(image.length).toBeGreaterThan(5_000);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const rows = readFileSync((await csv.path())!, 'utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r\n/);
    const visible = await page.evaluate(() => (window as any).cy.nodes(':visible').length);
    expect(rows.length).toBe(visible + 1);
    expect(rows.some((row) => row.includes(YUFU))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('the lenses', () => {
  it('hierarchy: a district as a tree that folds and unfolds, undoably', async () => {
    const { page, problems } = await openPage(viewer, `/?lens=hierarchy&area=${encodeURIComponent(DISTRICT)}`);
    expect(await settled(page)).toBe('idle');
    const before = await page.evaluate(() => (window as any).cy.nodes().length);
    expect(before).toBeGreaterThan(1);
    await screenshot(page, 'hierarchy');
    // Fold a node that leads others on screen: its subtree goes, and Undo brings it back.
    const parent = await page.evaluate(() => {
      const cy = (window as any).cy;
      const complete = cy.nodes().filter((n: any) => {
        const children = n.incomers('edge[label = "REPORTS_TO"]').length;
        return children > 0 && children >= Number(n.data('childCount') ?? 0);
      });
      const mid = complete.filter((n: any) => n.outgoers('edge').nonempty());
      return (mid.nonempty() ? mid[0] : complete[0]).id();
    });
    const at = await nodeOnPage(page, { id: parent });
    await page.mouse.dblclick(at.x, at.y);
    await page.waitForFunction((n) => (window as any).cy.nodes().length < n, before);
    expect(await page.evaluate((id) => (window as any).cy.getElementById(id).data('display'), parent)).toMatch(/⊕/);
    await page.getByTestId('undo').click();
    expect(await page.evaluate(() => (window as any).cy.nodes().length)).toBe(before);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('network: expand by relationship type from the context menu, hide a node, undo', async () => {
    const { page, problems } = await openPage(viewer, `/?lens=network&focus=${encodeURIComponent(yufuId)}`);
    await settled(page);
    const before = await page.evaluate(() => (window as any).cy.nodes().length);
    // 党家街道 is on the page (the committee sits in it); its district and other places are not yet.
    const village = (await nodeLabels(page)).find((label) => label.startsWith('党家街道') && !label.includes('党工委'))!;
    expect(village).toBeDefined();
    const at = await nodeOnPage(page, { label: village });
    await page.mouse.click(at.x, at.y, { button: 'right' });
    await page.locator('#cm-expand-by').hover();
    await page.locator('#cm-expand-PART_OF').click();
    await page.waitForFunction((n) => (window as any).cy.nodes().length > n, before);
    // The new neighbours are laid out (and animated) before the graph is idle again.
    await settled(page);
    const expanded = await page.evaluate(() => (window as any).cy.nodes().length);
    const again = await nodeOnPage(page, { label: village });
    await page.mouse.click(again.x, again.y, { button: 'right' });
    await page.locator('#cm-hide').click();
    expect(await page.evaluate(() => (window as any).cy.nodes().length)).toBe(expanded - 1);
    await page.keyboard.press('Control+z');
    expect(await page.evaluate(() => (window as any).cy.nodes().length)).toBe(expanded);
    await page.getByTestId('undo').click();
    expect(await page.evaluate(() => (window as any).cy.nodes().length)).toBe(before);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('chains & buildings: the chains with their leaders, the buildings with the committees inside', async () => {
    const api = await gql<{ industryChains: { id: string; name: string }[]; buildings: { nodes: { id: string }[] } }>(
      viewer.app,
      '{ industryChains { id name } buildings(first: 100) { nodes { id } } }',
    );
    expect(api.errors, JSON.stringify(api.errors)).toBeUndefined();
    const { page, problems } = await openPage(viewer, '/?lens=chains');
    await settled(page);
    const cards = await page.locator('.chain-card').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.id));
    expect(cards.sort()).toEqual(api.data!.industryChains.map((c) => c.id).sort());
    const buildings = await page.locator('.building-card').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.id));
    expect(buildings.sort()).toEqual(api.data!.buildings.nodes.map((b) => b.id).sort());
    await screenshot(page, 'chains');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('path: the shortest connection between two entities, highlighted and listed', async () => {
    const up = await gql<{ organization: { ancestors: { id: string }[] } }>(
      viewer.app,
      'query($id: ID) { organization(id: $id) { ancestors { id } } }',
      {
        id: yufuId,
      },
    );
    const top = up.data!.organization.ancestors.at(-1)!.id;
    const api = await gql<{ path: { id: string }[] | null }>(
      viewer.app,
      'query($from: ID!, $to: ID!) { path(from: $from, to: $to, maxLength: 8) { id } }',
      {
        from: yufuId,
        to: top,
      },
    );
    const { page, problems } = await openPage(viewer, `/?lens=path&from=${encodeURIComponent(yufuId)}&to=${encodeURIComponent(top)}`);
    await settled(page);
    const onPath = await page.evaluate(() => (window as any).cy.nodes('.path').map((n: any) => n.id()));
    expect(onPath.sort()).toEqual(api.data!.path!.map((n) => n.id).sort());
    expect(await page.getByTestId('path-steps').locator('li').count()).toBe(api.data!.path!.length);
    await screenshot(page, 'path');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('finds a path along the lines of command only when asked, as the API does with the same filter', async () => {
    const up = await gql<{ organization: { ancestors: { id: string }[] } }>(
      viewer.app,
      'query($id: ID!) { organization(id: $id) { ancestors { id } } }',
      { id: yufuId },
    );
    const top = up.data!.organization.ancestors.at(-1)!.id;
    const lines = ['REPORTS_TO', 'LEADS', 'GOVERNS'];
    const api = await gql<{ pathElements: { nodes: { data: { id: string } }[]; edges: { data: { label: string } }[] } | null }>(
      viewer.app,
      'query($from: ID!, $to: ID!, $rels: [String!]) { pathElements(from: $from, to: $to, maxLength: 8, relationships: $rels) { nodes { data { id } } edges { data { label } } } }',
      { from: yufuId, to: top, rels: lines },
    );
    expect(api.data!.pathElements).not.toBeNull();
    const { page, problems } = await openPage(viewer, `/?lens=path&from=${encodeURIComponent(yufuId)}&to=${encodeURIComponent(top)}`);
    await settled(page);
    await page.getByTestId('path-chain-of-command').click();
    await page.waitForURL((url) => url.searchParams.get('rels') === lines.join(','));
    await settled(page);
    const onPath = await page.evaluate(() => (window as any).cy.nodes('.path').map((n: any) => n.id()));
    expect(onPath.sort()).toEqual(api.data!.pathElements!.nodes.map((n) => n.data.id).sort());
    const labels = await page.evaluate(() => (window as any).cy.edges('.path').map((e: any) => e.data('label')));
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(lines).toContain(label);
    // The ticked types show in the folding list, the others not.
    const types = page.getByTestId('path-types');
    expect(await types.locator('input[value="REPORTS_TO"]').isChecked()).toBe(true);
    expect(await types.locator('input[value="PART_OF"]').isChecked()).toBe(false);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("lists a joint committee's villages with their pairing status, and a village's committee, branch and partners", async () => {
    const api = await gql<{
      organization: { covers: { totalCount: number; nodes: { id: string; name: string; pairings?: { activeOn: boolean }[] }[] } };
    }>(
      viewer.app,
      'query($id: ID!) { organization(id: $id) { covers(kinds: ["Village", "Community"], first: 200) { totalCount nodes { id name ... on Place { pairings { activeOn } } } } } }',
      { id: yufuId },
    );
    expect(api.errors, JSON.stringify(api.errors)).toBeUndefined();
    const covered = api.data!.organization.covers;
    expect(covered.totalCount).toBeGreaterThan(0);
    const { page, problems } = await openPage(viewer, `/?lens=network&focus=${encodeURIComponent(yufuId)}`);
    await settled(page);
    await page.evaluate((id) => (window as any).cy.getElementById(id).emit('tap'), yufuId);
    await page.getByTestId('details').locator('h2', { hasText: YUFU }).waitFor();
    const list = page.getByTestId('covered-villages');
    await list.waitFor({ timeout: 10_000 }).catch(async (error) => {
      throw new Error(`${error}: ${await page.getByTestId('details').textContent()}`);
    });
    expect(await list.locator('li').count()).toBe(covered.nodes.length);
    const expected = covered.nodes.map((n) =>
      !n.pairings || n.pairings.length === 0 ? 'unpaired' : n.pairings.some((p) => p.activeOn) ? 'paired' : 'ended',
    );
    expect(await list.locator('li').evaluateAll((items) => items.map((li) => li.getAttribute('data-status')))).toEqual(expected);
    // A village from the list: the committee that covers it, and its partners if any.
    const first = covered.nodes[0]!;
    await list.locator('li').first().locator('button').click();
    const details = page.getByTestId('details');
    await details.locator('h2', { hasText: first.name }).waitFor();
    const coveredBy = page.getByTestId('covered-by');
    await coveredBy.waitFor();
    expect(await coveredBy.textContent()).toContain(YUFU);
    if ((first.pairings ?? []).length > 0) expect(await page.getByTestId('partners').locator('li').count()).toBe(first.pairings!.length);
    await screenshot(page, 'details-village');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps lens, focus, date and filters in the URL across a reload', async () => {
    const { page, problems } = await openPage(viewer, `/?lens=network&focus=${encodeURIComponent(yufuId)}&asOf=2020-01-01&hide=Branch`);
    await settled(page);
    expect(await page.locator('#as-of').inputValue()).toBe('2020-01-01');
    expect(await page.locator('#legend li[data-kind="Branch"] input').isChecked()).toBe(false);
    const visibleBranches = await page.evaluate(() => (window as any).cy.nodes('[kind = "Branch"]').filter((n: any) => n.visible()).length);
    expect(visibleBranches).toBe(0);
    // Showing the kind again is written to the URL, and survives a reload.
    await page.locator('#legend li[data-kind="Branch"] input').check();
    expect(new URL(page.url()).searchParams.get('hide')).toBeNull();
    await page.reload();
    await settled(page);
    expect(await page.locator('#legend li[data-kind="Branch"] input').isChecked()).toBe(true);
    expect(new URL(page.url()).searchParams.get('focus')).toBe(yufuId);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says in words what went wrong when the API refuses', async () => {
    const { page } = await openPage(viewer, '/?lens=network&focus=no-such-entity');
    expect(await settled(page)).toBe('error');
    expect(await page.locator('#status').textContent()).toContain('没有找到这个实体或区域');
    await page.close();
  });
});
