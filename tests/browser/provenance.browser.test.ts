/**
 * When and how we know it, on screen (#17): beside every quote the details panel gives the report's
 * date (or, for an undated report, the earliest its text allows) and the record's basis; a toggle
 * hides whatever a report does not state outright, in the panel and in the graph. Leaves
 * test-results/screenshots/provenance*.png.
 */

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeOnPage, openPage, screenshot, settled, startViewer, type Viewer } from './browser.ts';

let viewer: Viewer;
beforeAll(async () => {
  viewer = await startViewer();
});
afterAll(async () => {
  await viewer?.close();
});

/**
 * Clicks the entity in the network lens, as a reader would, to fill the details panel. On a loaded
 * machine the lens may still be moving nodes when it reports itself settled, so a click that found
 * nothing is tried again at the node's new place.
 */
async function openDetails(page: Page, id: string, name: string) {
  const details = page.getByTestId('details');
  for (let attempt = 1; ; attempt++) {
    await settled(page);
    const { x, y } = await nodeOnPage(page, { id });
    await page.mouse.click(x, y);
    try {
      await details.locator('h2', { hasText: name }).waitFor({ timeout: 10_000 });
      return details;
    } catch (error) {
      if (attempt === 4) throw error;
    }
  }
}

describe('the details panel shows basis and date', () => {
  it('an inferred record (小庄村党组织, 003 of 2020-07-01): date and basis beside its quote, hidden when only stated records are asked for', async () => {
    const { page, problems } = await openPage(viewer, '/?lens=network&focus=sz-xiaozhuang-village-organization');
    const details = await openDetails(page, 'sz-xiaozhuang-village-organization', '小庄村党组织');
    const quote = details.getByTestId('sources').locator('figure').first();
    expect(await quote.getByTestId('source-date').textContent()).toBe('报道日期 2020-07-01');
    // Cited as a planner can quote it (#20): the report's headline and outlet, the file name only on hover.
    const cite = quote.getByTestId('source-title');
    expect(await cite.textContent()).toMatch(/^《.+》$/);
    expect(await cite.getAttribute('title')).toMatch(/^\d{3}_[0-9a-f]+\.txt$/);
    await expect.poll(() => quote.locator('figcaption').textContent()).not.toMatch(/\.txt/);
    expect(await quote.getByTestId('basis').textContent()).toBe('依据：推断，待人工确认');
    // Why it is inferred, on hover.
    expect(await quote.getByTestId('basis').getAttribute('title')).toContain('党组织');
    await screenshot(page, 'provenance');

    await details.getByTestId('stated-only').check();
    await details.getByTestId('hidden-not-stated').waitFor();
    expect(await details.getByTestId('sources').count()).toBe(0);
    await screenshot(page, 'provenance-stated-only');
    await details.getByTestId('stated-only').uncheck();
    await details.getByTestId('sources').first().waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a stated record from undated reports (港九片区): each quote says its report is undated and the earliest date; stays shown with the toggle on', async () => {
    const { page, problems } = await openPage(viewer, '/?lens=network&focus=lc-gangjiu-alliance');
    const details = await openDetails(page, 'lc-gangjiu-alliance', '港九片区');
    await details.getByTestId('stated-only').check();
    const dates = await details.getByTestId('sources').getByTestId('source-date').allTextContents();
    expect(dates.length).toBeGreaterThan(0);
    for (const date of dates) expect(date).toBe('报道未注日期，不早于 2022-10');
    for (const basis of await details.getByTestId('sources').getByTestId('basis').allTextContents())
      expect(basis).toBe('依据：报道明确陈述');
    // Its claims carry the date they held.
    expect(await details.locator('.claim').first().textContent()).toContain('截至');
    await screenshot(page, 'provenance-stated');
    await details.getByTestId('stated-only').uncheck();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a claim flagged for a person to check (市中区委’s 1012, review E-11) says so in its card, before its quote', async () => {
    const { page, problems } = await openPage(viewer, '/?lens=network&focus=sz-shizhong-district-committee');
    const details = await openDetails(page, 'sz-shizhong-district-committee', '市中区委');
    const card = details.locator('.claim', { hasText: '1012' });
    expect(await card.getByTestId('to-check').textContent()).toMatch(/^待人工核实：For a person to check: transcribed as printed/);
    // Only that claim is flagged.
    expect(await details.getByTestId('to-check').count()).toBe(1);
    await screenshot(page, 'provenance-to-check');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the toggle hides the graph’s nodes and edges that are not stated (小庄村党组织 and its inferred links), and shows them again', async () => {
    const { page, problems } = await openPage(viewer, '/?lens=network&focus=sz-xiaozhuang-village-organization');
    const details = await openDetails(page, 'sz-xiaozhuang-village-organization', '小庄村党组织');
    /** What is drawn: visible nodes and edges, and the bases of those not stated. */
    const onScreen = () =>
      page.evaluate(() => {
        const cy = (window as any).cy;
        const visible = cy.elements(':visible');
        return {
          nodes: visible.nodes().length,
          edges: visible.edges().length,
          notStated: visible.filter((e: any) => e.data('basis') !== 'stated').map((e: any) => String(e.data('basis'))),
          hiddenNode: cy.getElementById('sz-xiaozhuang-village-organization').visible() === false,
        };
      });
    const before = await onScreen();
    // The focus is inferred (E-4) and so is its REPORTS_TO: there is something to hide.
    expect(before.notStated).toContain('inferred');
    expect(before.hiddenNode).toBe(false);

    await details.getByTestId('stated-only').check();
    await page.waitForFunction(() => (window as any).cy.getElementById('sz-xiaozhuang-village-organization').visible() === false);
    const hidden = await onScreen();
    expect(hidden.notStated).toEqual([]);
    expect(hidden.hiddenNode).toBe(true);
    expect(hidden.nodes).toBeLessThan(before.nodes);
    expect(hidden.edges).toBeLessThan(before.edges);
    await screenshot(page, 'provenance-graph-stated-only');

    await details.getByTestId('stated-only').uncheck();
    await page.waitForFunction(() => (window as any).cy.getElementById('sz-xiaozhuang-village-organization').visible());
    expect(await onScreen()).toEqual(before);
    expect(problems).toEqual([]);
    await page.close();
  });
});
