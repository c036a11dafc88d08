/**
 * The time bar and two dates side by side (#19), in Chromium, on a tiny synthetic district of its own
 * (seed 41, removed afterwards):
 * - playing through a year redraws the coverage lens month by month in place: the bar's figures, the
 *   lens's rate and the villages' colours follow each step, and they are pairingCoverage's for that
 *   day (asked of the API directly); no village moves (no new layout);
 * - the bar is keyboard operable (←/→ move a month, Space plays and pauses) and the URL keeps the day;
 * - comparing two dates lists exactly what areaHistory lists for them, marks them on the graph, shows a
 *   marked node's change with its reason in the details panel, and downloads the same list as CSV.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idPrefix, type SyntheticOptions } from '../../data/synthetic/generate.ts';
import { clearSynthetic, loadSynthetic } from '../../data/synthetic/load-synthetic.ts';
import { GraphStore } from '../../graph/graph-store.ts';
import { gql } from '../helpers/app.ts';
import { testDriver } from '../helpers/neo4j.ts';
import { openPage, screenshot, settled, startViewer, type Viewer } from './browser.ts';

const TINY: SyntheticOptions = { seed: 41, scale: 'tiny' };
const PREFIX = idPrefix(TINY);
const PATIENT = { GRAPHQL_DB_BUDGET_MS: '120000', QUERY_TIMEOUT_MS: '120000' };
const YEAR = ['01-31', '02-28', '03-31', '04-30', '05-31', '06-30', '07-31', '08-31', '09-30', '10-31', '11-30', '12-31'].map(
  (d) => `2023-${d}`,
);

let viewer: Viewer;
const { driver, database } = testDriver();
let district = '';

beforeAll(async () => {
  await clearSynthetic(GraphStore.forLoads(driver, database), PREFIX);
  await loadSynthetic(GraphStore.forLoads(driver, database), TINY);
  viewer = await startViewer({ env: PATIENT });
  const { records } = await driver.executeQuery(
    'MATCH (d:District) WHERE d.id STARTS WITH $prefix RETURN d.id AS id',
    { prefix: PREFIX },
    { database },
  );
  district = records[0]!.get('id') as string;
}, 600_000);

afterAll(async () => {
  await viewer?.close();
  await clearSynthetic(GraphStore.forLoads(driver, database), PREFIX);
  await driver.close();
});

async function coverageOn(asOf: string) {
  const result = await gql<{ pairingCoverage: { villages: number; paired: number; rate: number | null } }>(
    viewer.app,
    'query($area: String!, $asOf: String) { pairingCoverage(area: $area, asOf: $asOf, includeSynthetic: true) { villages paired rate } }',
    { area: district, asOf },
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.pairingCoverage;
}

interface Step {
  drawn: string;
  barPaired: number;
  barVillages: number;
  pairedNodes: number;
  statuses: string;
  rateText: string;
  positions: Record<string, { x: number; y: number }>;
}

/** Records, the moment each step has been drawn, what the page shows (the next step comes 0.9 s later). */
const RECORD_STEPS = () => {
  const w = window as any;
  w.__steps = [];
  const bar = document.querySelector('[data-testid="time-bar"]') as HTMLElement;
  new MutationObserver(() => {
    const drawn = bar.dataset.drawn;
    if (!drawn || w.__steps.at(-1)?.drawn === drawn) return;
    const villages = w.cy.nodes('[kind = "Village"]');
    const positions: Record<string, { x: number; y: number }> = {};
    villages.forEach((n: any) => {
      positions[n.id()] = { ...n.position() };
    });
    w.__steps.push({
      drawn,
      barPaired: Number(bar.dataset.paired),
      barVillages: Number(bar.dataset.villages),
      pairedNodes: villages.filter((n: any) => n.data('pairing') === 'paired').length,
      statuses: villages.map((n: any) => `${n.id()}:${n.data('pairing')}`).join(','),
      rateText: document.querySelector('[data-testid="coverage-rate"]')?.textContent ?? '',
      positions,
    });
  }).observe(bar, { attributes: true, attributeFilter: ['data-drawn'] });
};

describe('the time bar', () => {
  it('plays through a year of a synthetic district: rate, counts and colours per step, as pairingCoverage gives them, without a new layout', async () => {
    const { page, problems } = await openPage(viewer, `/?lens=coverage&area=${encodeURIComponent(district)}&syn=1&asOf=2022-12-31`);
    // The run's first page: a cold server and a first layout, on a machine shared with other test runs.
    expect(await settled(page, 300_000)).not.toBe('error');
    // The chart's figures for every month are in (the bar asks for them a couple of years at a time).
    await page.waitForSelector('[data-testid="time-bar"][data-series="complete"]', { timeout: 180_000 });
    expect(await page.getAttribute('[data-testid="time-bar"]', 'data-as-of')).toBe('2022-12-31');
    await page.evaluate(RECORD_STEPS);
    await page.click('[data-testid="time-play"]');
    await page.waitForFunction(() => (window as any).__steps.some((s: { drawn: string }) => s.drawn >= '2023-12-31'), null, {
      timeout: 240_000,
      polling: 200,
    });
    await page.click('[data-testid="time-play"]');
    await page.waitForSelector('[data-testid="time-bar"][data-playing="false"]');
    // Paused: the graph catches up with the handle, and the URL has its day.
    await page.waitForFunction(() => {
      const bar = document.querySelector('[data-testid="time-bar"]') as HTMLElement;
      return bar.dataset.drawn === bar.dataset.asOf;
    });
    const shown = await page.getAttribute('[data-testid="time-bar"]', 'data-drawn');
    expect(new URL(page.url()).searchParams.get('asOf')).toBe(shown);
    await screenshot(page, 'time-bar-played');
    const steps = ((await page.evaluate(() => (window as any).__steps)) as Step[]).filter((s) => s.drawn <= '2023-12-31');
    expect(steps.map((s) => s.drawn)).toEqual(YEAR);

    // Each step: the bar's figures and the villages coloured "paired" agree.
    for (const step of steps) {
      expect(step.pairedNodes, step.drawn).toBe(step.barPaired);
      expect(Object.keys(step.positions).length, step.drawn).toBe(step.barVillages);
    }
    // Two steps checked against the API asked directly (the first and last month of the year).
    for (const step of [steps[0]!, steps.at(-1)!]) {
      const api = await coverageOn(step.drawn);
      expect({ paired: step.barPaired, villages: step.barVillages }, step.drawn).toEqual({ paired: api.paired, villages: api.villages });
      expect(step.rateText).toBe(`${((api.rate ?? 0) * 100).toFixed(1)}%`);
    }
    // The year changes something: the counts and the colours differ between some steps.
    expect(new Set(steps.map((s) => s.barPaired)).size).toBeGreaterThan(1);
    expect(new Set(steps.map((s) => s.statuses)).size).toBeGreaterThan(1);
    // Redrawn in place: every village where it stood at the first step.
    for (const step of steps.slice(1)) expect(step.positions, step.drawn).toEqual(steps[0]!.positions);
    // The chart has a point per step and marks the current one.
    const chart = await page.evaluate(() => ({
      dots: document.querySelectorAll('[data-testid="time-chart"] circle').length,
      current: document.querySelectorAll('[data-testid="time-chart"] circle.current').length,
      max: Number((document.querySelector('[data-testid="time-handle"]') as HTMLInputElement).max),
    }));
    expect(chart.dots).toBe(chart.max + 1);
    expect(chart.current).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  }, 900_000);

  it('moves by a month with the arrow keys, plays and pauses with Space, and keeps the day in the URL', async () => {
    const { page, problems } = await openPage(viewer, `/?lens=coverage&area=${encodeURIComponent(district)}&syn=1&asOf=2023-03-31&lang=en`);
    expect(await settled(page, 120_000)).not.toBe('error');
    await page.waitForSelector('[data-testid="time-bar"][data-series="complete"]', { timeout: 180_000 });
    await page.focus('[data-testid="time-handle"]');
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('[data-testid="time-bar"][data-drawn="2023-04-30"]', { timeout: 60_000 });
    expect(page.url()).toContain('asOf=2023-04-30');
    const api = await coverageOn('2023-04-30');
    expect(await page.textContent('[data-testid="time-figures"]')).toContain(`${api.paired} of ${api.villages}`);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.waitForSelector('[data-testid="time-bar"][data-drawn="2023-02-28"]', { timeout: 60_000 });
    await page.keyboard.press('Space');
    await page.waitForSelector('[data-testid="time-bar"][data-playing="true"]');
    await page.keyboard.press('Space');
    await page.waitForSelector('[data-testid="time-bar"][data-playing="false"]');
    expect(await page.getAttribute('[data-testid="time-play"]', 'aria-pressed')).toBe('false');
    // Reloaded, the handle is where the URL says.
    const day = new URL(page.url()).searchParams.get('asOf')!;
    await page.reload();
    expect(await settled(page, 120_000)).not.toBe('error');
    await page.waitForSelector('[data-testid="time-bar"][data-step]', { timeout: 60_000 });
    expect(await page.getAttribute('[data-testid="time-bar"]', 'data-as-of')).toBe(day);
    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);
});

describe('two dates side by side', () => {
  it('lists exactly what areaHistory lists for the two dates, on the graph, in the details and as CSV', async () => {
    const from = '2023-01-01';
    const to = '2023-12-31';
    const history = await gql<{
      areaHistory: Record<
        'started' | 'ended' | 'rematched',
        { date: string; reason: string | null; pairing: { id: string; target: { id: string } } }[]
      > & {
        moves: { organization: { id: string } }[];
      };
    }>(
      viewer.app,
      `query($area: String!, $from: String!, $to: String) { areaHistory(area: $area, from: $from, to: $to) {
        started { date reason pairing { id target { id } } } ended { date reason pairing { id target { id } } }
        rematched { date reason pairing { id target { id } } } moves { organization { id } } } }`,
      { area: district, from, to },
    );
    expect(history.errors, JSON.stringify(history.errors)).toBeUndefined();
    const h = history.data!.areaHistory;
    const expected = [
      ...h.started.map((e) => `started|${e.pairing.id}|${e.date}`),
      ...h.ended.map((e) => `ended|${e.pairing.id}|${e.date}`),
      ...h.rematched.map((e) => `rematched|${e.pairing.id}|${e.date}`),
      ...h.moves.map((m) => `moved|${m.organization.id}`),
    ];
    expect(expected.length).toBeGreaterThan(3);

    const { page, problems } = await openPage(
      viewer,
      `/?lens=coverage&area=${encodeURIComponent(district)}&syn=1&asOf=${to}&cmpFrom=${from}&cmpTo=${to}`,
    );
    expect(await settled(page, 120_000)).not.toBe('error');
    await page.waitForSelector('[data-testid="compare-table"], [data-testid="compare-none"]', { timeout: 60_000 });
    const listed = await page.$$eval('[data-testid="compare-table"] tbody tr', (rows) =>
      rows.map((r) => {
        const e = r as HTMLElement;
        return e.dataset.change === 'moved' ? `moved|${e.dataset.id}` : `${e.dataset.change}|${e.dataset.id}|${e.dataset.date}`;
      }),
    );
    expect(listed).toEqual(expected);
    // The legend counts each kind.
    const legend = await page.$$eval('[data-testid="compare-legend"] .compare-key', (keys) =>
      keys.map((k) => `${(k as HTMLElement).dataset.change}:${k.textContent?.match(/\d+$/)?.[0]}`),
    );
    expect(legend).toEqual([
      `started:${h.started.length}`,
      `ended:${h.ended.length}`,
      `rematched:${h.rematched.length}`,
      `moved:${h.moves.length}`,
    ]);
    // On the graph: every changed village or partner that is drawn is marked (the coverage lens draws
    // villages, so a community's unit–community pairing has nothing to mark).
    const marks = await page.evaluate(
      (ids) =>
        ids.map((id) => {
          const node = (window as any).cy.getElementById(id);
          return node.empty() ? 'absent' : (node.data('compare') ?? null);
        }),
      [...h.started, ...h.ended, ...h.rematched].map((e) => e.pairing.target.id),
    );
    expect(marks.filter((m) => m !== 'absent').length).toBeGreaterThan(0);
    expect(marks.filter((m) => m == null)).toEqual([]);
    await screenshot(page, 'compare-dates');

    // The details panel of a marked village: its change with the reason.
    const drawn = (await page.evaluate(
      (ids) => ids.filter((id) => (window as any).cy.getElementById(id).nonempty()),
      [...h.ended, ...h.rematched, ...h.started].map((e) => e.pairing.target.id),
    )) as string[];
    const events = [...h.ended, ...h.rematched, ...h.started].filter((e) => drawn.includes(e.pairing.target.id));
    const withReason = events.find((e) => e.reason) ?? events[0]!;
    const target = withReason.pairing.target.id;
    await page.evaluate((id) => {
      const cy = (window as any).cy;
      cy.elements().unselect();
      cy.getElementById(id).select().emit('tap');
    }, target);
    await page.waitForSelector(`[data-testid="compare-detail"][data-id="${target}"]`, { timeout: 30_000 });
    if (withReason.reason) expect(await page.textContent('[data-testid="compare-detail"]')).toContain(withReason.reason);

    // The same list as CSV.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="compare-csv"]')]);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r\n/);
    expect(lines.length).toBe(expected.length + 1);
    const ids = [...h.started, ...h.ended, ...h.rematched].map((e) => e.pairing.id).concat(h.moves.map((m) => m.organization.id));
    lines.slice(1).forEach((line, i) => {
      expect(line.split(',')[2]).toBe(ids[i]);
    });
    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);
});
