/**
 * The time bar's server field (#19): timeline(area) lists the days the graph knows in the area (pairing
 * starts and ends, change-log days, report dates) and its coverage on given days, which is exactly what
 * pairingCoverage answers for each day. Fixture graph of its own (prefix ttl).
 */
import { describe, expect, it } from 'vitest';
import { reportDay } from '../../server/resolvers/timeline.ts';
import { gql } from '../helpers/app.ts';
import { withFixtureApp } from '../helpers/fixture.ts';

const P = 'ttl';
const fixture = withFixtureApp(P);
const { id } = fixture;
const TODAY = new Date().toISOString().slice(0, 10);

async function ok<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await gql<T>(fixture.app, query, variables);
  expect(result.errors, result.errors?.[0]?.message).toBeUndefined();
  return result.data!;
}

const TIMELINE = 'query($area: String!) { timeline(area: $area) { area { id } dates first last } }';

describe('timeline', () => {
  it("lists the days of the area's pairings, ascending, each once", async () => {
    const { timeline } = await ok<{ timeline: { area: { id: string }; dates: string[]; first: string; last: string } }>(TIMELINE, {
      area: id('district'),
    });
    expect(timeline.area.id).toBe(id('district'));
    // p2 2023-01-01 → 2024-06-30, p1 from 2024-01-01, p3 from 2025-01-01 (tests/helpers/fixture.ts).
    expect(timeline.dates).toEqual(['2023-01-01', '2024-01-01', '2024-06-30', '2025-01-01']);
    expect(timeline.first).toBe('2023-01-01');
    expect(timeline.last).toBe('2025-01-01');
    const sub2 = await ok<{ timeline: { dates: string[] } }>(TIMELINE, { area: id('sub2') });
    expect(sub2.timeline.dates).toEqual(['2025-01-01']);
  });

  it('adds the days of a pairing started and of a change made to an entity of the area', async () => {
    await ok(
      `mutation { startPairing(input: { kind: EnterpriseVillage, partnerId: "${id('e2')}", targetId: "${id('v3')}", validFrom: "2024-09-01", reason: "新结对" }) { id } }`,
    );
    let { timeline } = await ok<{ timeline: { dates: string[] } }>(TIMELINE, { area: id('district') });
    expect(timeline.dates).toContain('2024-09-01');
    expect(timeline.dates).not.toContain(TODAY);
    // A move is known from the change log only: its day is the day it was made.
    await ok(`mutation { moveOrganization(id: "${id('b3')}", newParentId: "${id('sw2')}", reason: "调整隶属") { id } }`);
    ({ timeline } = await ok<{ timeline: { dates: string[] } }>(TIMELINE, { area: id('district') }));
    expect(timeline.dates).toContain(TODAY);
    expect([...timeline.dates].sort()).toEqual(timeline.dates);
    expect(new Set(timeline.dates).size).toBe(timeline.dates.length);
  });

  it('gives, for each day asked, exactly what pairingCoverage gives for that day', async () => {
    const days = ['2022-12-31', '2023-06-30', '2024-03-01', '2024-07-01', '2024-10-01', '2025-02-01'];
    const { timeline } = await ok<{ timeline: { coverage: { asOf: string; villages: number; paired: number; rate: number | null }[] } }>(
      'query($area: String!, $dates: [String!]!) { timeline(area: $area) { coverage(dates: $dates) { asOf villages paired rate } } }',
      { area: id('district'), dates: days },
    );
    expect(timeline.coverage.map((c) => c.asOf)).toEqual(days);
    for (const [i, day] of days.entries()) {
      const { pairingCoverage } = await ok<{ pairingCoverage: { villages: number; paired: number; rate: number | null } }>(
        'query($area: String!, $asOf: String) { pairingCoverage(area: $area, asOf: $asOf) { villages paired rate } }',
        { area: id('district'), asOf: day },
      );
      expect(timeline.coverage[i], day).toEqual({ asOf: day, ...pairingCoverage });
    }
    // The fixture's pairings make the counts move: none, p2, p1+p2, p1, p1+v3, p1+v3+p3.
    expect(timeline.coverage.map((c) => c.paired)).toEqual([0, 1, 2, 1, 2, 3]);
  });

  it('refuses no days, too many days and a malformed day, naming the field', async () => {
    const ask = (dates: string[]) =>
      gql(fixture.app, `query($dates: [String!]!) { timeline(area: "${id('district')}") { coverage(dates: $dates) { paired } } }`, {
        dates,
      });
    for (const dates of [[], Array.from({ length: 121 }, () => '2024-01-01'), ['2024-13-45']]) {
      const result = await ask(dates);
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(result.errors)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.extensions?.field).toBe('dates');
    }
    const unknown = await gql(fixture.app, TIMELINE, { area: `${P}-nowhere` });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it("takes a report's date as a day (a year or a month stands for its first day)", () => {
    expect(reportDay('2024')).toBe('2024-01-01');
    expect(reportDay('2024-05')).toBe('2024-05-01');
    expect(reportDay('2024-05-17')).toBe('2024-05-17');
    expect(reportDay(null)).toBeNull();
  });
});
