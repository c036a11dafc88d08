/**
 * The dashboard's trend (web/src/documents/lenses.graphql's Dashboard, as dashboardData sends it; since 528042a one
 * Timeline.coverage(dates:) instead of four pairingCoverage aliases) shows, for each of its days, the
 * very figures pairingCoverage(area, asOf: that day) answers: the viewer's own document, for the documented city, each of its districts, a synthetic area,
 * with and without synthetic data, on ordinary days, a 29 February and days before any pairing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idPrefix, type SyntheticOptions } from '../../data/synthetic/generate.ts';
import { clearSynthetic, loadSynthetic } from '../../data/synthetic/load-synthetic.ts';
import { GraphStore } from '../../graph/graph-store.ts';
import { DashboardDocument } from '../../web/src/generated/graphql.ts';
import { buildTestApp, gql, type TestApp } from '../helpers/app.ts';
import { testDriver } from '../helpers/neo4j.ts';

const OPTIONS: SyntheticOptions = { seed: 23, scale: 'tiny' };
const PREFIX = idPrefix(OPTIONS);
const { driver, database } = testDriver();
let app: TestApp;

beforeAll(async () => {
  // The city's dashboard (ranking included) on a loaded 2-core machine: more than the default 15 s a read.
  app = await buildTestApp({ QUERY_TIMEOUT_MS: '120000' });
  await loadSynthetic(GraphStore.forLoads(driver, database), OPTIONS);
}, 120_000);
afterAll(async () => {
  await clearSynthetic(GraphStore.forLoads(driver, database), PREFIX);
  await app?.close();
  await driver.close();
});

type Figures = { villages: number; paired: number; rate: number | null };

/** The viewer's Dashboard document (documents/lenses.graphql) with the variables dashboardData sends. */
async function viewerDashboard(area: string, asOf: string, includeSynthetic: boolean, trend: string[]) {
  const answer = await gql<{ timeline: { coverage: Figures[] }; EnterpriseVillage: Figures & { area: unknown } }>(
    app,
    DashboardDocument.toString(),
    { area, asOf, syn: includeSynthetic, trend },
  );
  expect(answer.errors).toBeUndefined();
  return answer.data!;
}

async function pairingCoverage(area: string, asOf: string, includeSynthetic: boolean): Promise<Figures> {
  const answer = await gql<{ pairingCoverage: Figures }>(
    app,
    'query ($area: String!, $asOf: String, $syn: Boolean) { pairingCoverage(area: $area, kind: EnterpriseVillage, asOf: $asOf, includeSynthetic: $syn) { villages paired rate } }',
    { area, asOf, syn: includeSynthetic },
  );
  expect(answer.errors).toBeUndefined();
  return answer.data!.pairingCoverage;
}

async function areas(): Promise<string[]> {
  const city = await gql<{ pairingCoverage: { area: { id: string }; byArea: { area: { id: string } }[] } }>(
    app,
    '{ pairingCoverage(area: "济南市", kind: EnterpriseVillage) { area { id } byArea { area { id } } } }',
  );
  expect(city.errors).toBeUndefined();
  const documented = [city.data!.pairingCoverage.area.id, ...city.data!.pairingCoverage.byArea.map((a) => a.area.id)];
  expect(documented.length, 'documented areas').toBeGreaterThanOrEqual(3);
  // The synthetic graph's first district (bench/sections/queries.ts sample).
  return [...documented, `${PREFIX}c0d0`];
}

describe("the dashboard's trend is pairingCoverage day by day", () => {
  // trendDates (dashboard.ts): the day and the same day 1–3 years before, oldest first; 29 February
  // falls back to the 28th in a year without it.
  it.each([
    ['2025-06-01', ['2022-06-01', '2023-06-01', '2024-06-01', '2025-06-01']],
    ['2024-02-29', ['2021-02-28', '2022-02-28', '2023-02-28', '2024-02-29']],
    ['2019-01-01', ['2016-01-01', '2017-01-01', '2018-01-01', '2019-01-01']],
    ['2026-11-30', ['2023-11-30', '2024-11-30', '2025-11-30', '2026-11-30']],
  ])(
    'on %s and the same day 1–3 years before',
    async (asOf, trend) => {
      let compared = 0;
      let nonZero = 0;
      for (const area of await areas()) {
        for (const includeSynthetic of [false, true]) {
          const dashboard = await viewerDashboard(area, asOf, includeSynthetic, trend);
          expect(dashboard.timeline.coverage).toHaveLength(4);
          for (const [i, date] of trend.entries()) {
            const expected = await pairingCoverage(area, date, includeSynthetic);
            expect({ area, date, includeSynthetic, ...dashboard.timeline.coverage[i] }).toEqual({
              area,
              date,
              includeSynthetic,
              ...expected,
            });
            compared += 1;
            if (expected.paired > 0) nonZero += 1;
          }
          // The trend's last day is the dashboard's own day: the same figures as its enterprise–village card.
          const { area: _area, ...card } = dashboard.EnterpriseVillage;
          expect(dashboard.timeline.coverage.at(-1)).toEqual(card);
        }
      }
      expect(compared).toBeGreaterThanOrEqual(32);
      if (asOf !== '2019-01-01') expect(nonZero, 'days with paired villages').toBeGreaterThan(0);
    },
    240_000,
  );
});
