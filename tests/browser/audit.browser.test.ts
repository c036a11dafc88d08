/**
 * The audit lens in a real Chromium: findings marked on the graph by severity with the API's findings,
 * a click shows the finding, the list filters by rule and severity; the coverage roll-up shows the
 * API's rates for the three kinds and the unpaired villages on demand; the area history of a fixture
 * area (prefix tba) shows the pairings that started and ended; the history export downloads with the
 * sign-in header. Screenshots: audit-findings, audit-rollup, audit-history.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../helpers/app.ts';
import { loadFixture, removeFixture } from '../helpers/fixture.ts';
import { testDriver } from '../helpers/neo4j.ts';
import { nodeOnPage, openPage, screenshot, settled, startViewer, type Viewer } from './browser.ts';

const DISTRICT = '历城区';
const P = 'tba';
const KINDS = ['EnterpriseVillage', 'CommunityVillage', 'UnitCommunity'] as const;
const { driver, database } = testDriver();
let viewer: Viewer;

const rate = (value: number | null) => (value == null ? '—' : `${(value * 100).toFixed(1)}%`);

beforeAll(async () => {
  await removeFixture(driver, database, P);
  await loadFixture(driver, database, P);
  viewer = await startViewer();
});

afterAll(async () => {
  await viewer?.close();
  await removeFixture(driver, database, P);
  await driver.close();
});

interface ApiFindings {
  totalCount: number;
  nodes: { rule: { id: string; severity: string; zh: string }; entity: { id: string; name: string }; detail: string }[];
}

async function apiFindings(area: string): Promise<ApiFindings> {
  const result = await gql<{ findings: ApiFindings }>(
    viewer.app,
    'query($area: String) { findings(area: $area, first: 200) { totalCount nodes { rule { id severity zh } entity { id name } detail } } }',
    { area },
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.findings;
}

describe('the audit lens', () => {
  it('marks every entity with a finding on the graph by its worst severity, and a click shows the finding', async () => {
    const api = await apiFindings(DISTRICT);
    expect(api.totalCount).toBeGreaterThan(0);
    const { page, problems } = await openPage(viewer, `/?lens=audit&area=${encodeURIComponent(DISTRICT)}`);
    const state = await settled(page);
    expect(state, `${await page.locator('#status').textContent()} ${problems.join('; ')}`).not.toBe('error');
    expect(await page.locator('#lens-tabs [aria-selected="true"]').textContent()).toBe('审计');

    const marked = await page.evaluate(() =>
      Object.fromEntries((window as any).cy.nodes('[finding]').map((n: any) => [n.id(), String(n.data('finding'))])),
    );
    const order = ['critical', 'error', 'warning', 'info'];
    const worst = new Map<string, string>();
    for (const f of api.nodes) {
      const before = worst.get(f.entity.id);
      if (!before || order.indexOf(f.rule.severity) < order.indexOf(before)) worst.set(f.entity.id, f.rule.severity);
    }
    expect(marked).toEqual(Object.fromEntries(worst));

    // The list: the total in the heading, one item per finding (up to 200).
    await page.getByTestId('finding-list').waitFor();
    expect(await page.locator('#lens-summary .section-title').first().textContent()).toContain(String(api.totalCount));
    expect(await page.getByTestId('finding-list').locator('li').count()).toBe(Math.min(api.nodes.length, 200));
    await screenshot(page, 'audit-findings');

    // Click a flagged node on the graph: its finding and the entity's details.
    const first = api.nodes.find((f) => f.rule.id === 'village-without-pairing') ?? api.nodes[0]!;
    const at = await nodeOnPage(page, { id: first.entity.id });
    await page.mouse.click(at.x, at.y);
    const detail = page.getByTestId('finding-detail');
    await detail.waitFor();
    expect(await detail.getAttribute('data-id')).toBe(first.entity.id);
    expect(await detail.textContent()).toContain(first.detail);
    expect(await detail.textContent()).toContain(first.rule.zh);
    await page.getByTestId('details').locator('h2', { hasText: first.entity.name }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('filters the findings by rule and severity', async () => {
    const api = await apiFindings(DISTRICT);
    const { page } = await openPage(viewer, `/?lens=audit&area=${encodeURIComponent(DISTRICT)}`);
    await settled(page);
    await page.getByTestId('finding-list').waitFor();
    const rule = api.nodes[api.nodes.length - 1]!.rule;
    await page.getByTestId('finding-rule').selectOption(rule.id);
    const items = page.getByTestId('finding-list').locator('li');
    const expected = api.nodes.filter((f) => f.rule.id === rule.id).length;
    expect(await items.count()).toBe(Math.min(expected, 200));
    expect(new Set(await items.evaluateAll((els) => els.map((el) => el.getAttribute('data-rule'))))).toEqual(new Set([rule.id]));
    await page.getByTestId('finding-rule').selectOption('');
    await page.getByTestId('finding-severity').selectOption('critical');
    const critical = api.nodes.filter((f) => f.rule.severity === 'critical').length;
    if (critical === 0) await page.locator('#lens-summary .hint', { hasText: '没有符合条件的审计发现' }).waitFor();
    else expect(await items.count()).toBe(Math.min(critical, 200));
    await page.close();
  });

  it('shows the coverage roll-up with the API’s rate for each kind and area, and the unpaired villages on demand', async () => {
    const figures = 'area { id } rate villages paired';
    const fields = KINDS.map((k) => `${k}: pairingCoverage(area: $area, kind: ${k}) { ${figures} byArea { ${figures} } }`).join(' ');
    const result = await gql<Record<string, { area: { id: string }; rate: number | null; villages: number; byArea: any[] }>>(
      viewer.app,
      `query($area: String!) { ${fields} }`,
      { area: DISTRICT },
    );
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const { page, problems } = await openPage(viewer, `/?lens=audit&area=${encodeURIComponent(DISTRICT)}`);
    await settled(page);
    const table = page.getByTestId('audit-rollup');
    await table.waitFor();
    for (const kind of KINDS) {
      const top = result.data![kind]!;
      for (const c of [top, ...top.byArea]) {
        const cell = table.locator(`tr[data-area="${c.area.id}"] td[data-kind="${kind}"]`);
        const text = c.villages === 0 ? '—' : rate(c.rate);
        expect(
          (await cell.getByTestId('rollup-rate').count()) > 0
            ? await cell.getByTestId('rollup-rate').textContent()
            : await cell.textContent(),
        ).toBe(text);
      }
    }
    await page.getByTestId('audit-board').screenshot({ path: `${process.cwd()}/test-results/screenshots/audit-rollup.png` });

    const ev = result.data!.EnterpriseVillage!;
    const unpaired = await gql<{ pairingCoverage: { unpaired: { totalCount: number } } }>(
      viewer.app,
      'query($area: String!) { pairingCoverage(area: $area) { unpaired(first: 1) { totalCount } } }',
      { area: ev.area.id },
    );
    await table.locator(`tr[data-area="${ev.area.id}"] td[data-kind="EnterpriseVillage"]`).getByTestId('show-unpaired').click();
    const list = page.getByTestId('unpaired-list');
    await list.waitFor();
    expect(await list.locator('li').count()).toBe(Math.min(unpaired.data!.pairingCoverage.unpaired.totalCount, 500));
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the area history between two dates and downloads it as CSV', async () => {
    const area = `${P}-district`;
    const { page, problems } = await openPage(viewer, `/?lens=audit&area=${area}&since=2024-06-01&until=2025-04-30`);
    await settled(page);
    await page.getByTestId('tab-history').click();
    const result = page.getByTestId('history-result');
    await result.getByTestId('history-coverage').waitFor();
    expect(await page.getByTestId('history-from').inputValue()).toBe('2024-06-01');
    // 2024-06-01: v1, v2 paired of 8; 2025-04-30: v1, v6 — p2 ended on 06-30, p3 started 2025-01-01.
    const ev = result.locator('tr[data-kind="EnterpriseVillage"]');
    expect(await ev.textContent()).toContain('25.0% (2/8)');
    expect(await ev.getByTestId('paired-change').textContent()).toBe('±0');
    expect(await result.getByTestId('history-started').locator('li').getAttribute('data-pairing')).toBe(`${P}-p3`);
    const ended = result.getByTestId('history-ended').locator('li');
    expect(await ended.getAttribute('data-pairing')).toBe(`${P}-p2`);
    expect(await ended.textContent()).toContain('主营业务与村庄发展需求不匹配');
    expect(await ended.locator('blockquote').textContent()).toContain('test-fixture');
    await screenshot(page, 'audit-history');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-history-csv').click()]);
    expect(download.suggestedFilename()).toBe(`history-${area}-2024-06-01-2025-04-30.csv`);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).toContain('区域变化');
    expect(text).toContain('起始日期,2024-06-01');
    expect(text).toContain('类别,类型或对象,日期,变化前,变化后,原因,出处文件,出处原文,操作人,记录时间');
    expect(text).toContain(`结束结对,企业联村,2024-06-30,${P}乙公司 → ${P}v2村`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('switches the board to English', async () => {
    const { page } = await openPage(viewer, `/?lens=audit&area=${encodeURIComponent(DISTRICT)}&lang=en`);
    await settled(page);
    expect(await page.getByTestId('tab-rollup').textContent()).toBe('Coverage roll-up');
    expect(await page.getByTestId('tab-history').textContent()).toBe('Area history');
    expect(await page.getByTestId('audit-downloads').textContent()).toContain('Download reports');
    await page.close();
  });
});
