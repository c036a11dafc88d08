/**
 * Issue #20, defect 3: areaHistory counted a 双报到 (UnitCommunity) pairing twice when its community
 * was itself paired with a village of the area (the community then lies in the area twice: as a place
 * and as a village's partner). Every event list holds each pairing once; checked on distinct ids.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../helpers/app.ts';
import { withFixtureApp } from '../helpers/fixture.ts';

const P = 'tahd';
// A correctness test: on a machine shared by many test runs the history's reads can outlast the
// default per-request database time, which is not what is checked here.
const fixture = withFixtureApp(P, { GRAPHQL_DB_BUDGET_MS: '120000', QUERY_TIMEOUT_MS: '120000' });
const { id } = fixture;

async function ok<T>(query: string): Promise<T> {
  const result = await gql<T>(fixture.app, query);
  expect(result.errors, result.errors?.[0]?.message).toBeUndefined();
  return result.data!;
}

const start = async (kind: string, partner: string, target: string, validFrom: string) =>
  (
    await ok<{ startPairing: { id: string } }>(
      `mutation { startPairing(input: { kind: ${kind}, partnerId: "${id(partner)}", targetId: "${id(target)}", validFrom: "${validFrom}", reason: "测试" }) { id } }`,
    )
  ).startPairing.id;

let unitCommunity = '';
let communityVillage = '';

beforeAll(async () => {
  // c1 (a community of 甲街道) paired with v4, and e2 registered with c1 (双报到).
  communityVillage = await start('CommunityVillage', 'c1', 'v4', '2024-03-01');
  unitCommunity = await start('UnitCommunity', 'e2', 'c1', '2024-04-01');
  await ok(`mutation { endPairing(id: "${unitCommunity}", validTo: "2024-10-31", reason: "测试结束") { id } }`);
});

interface Events {
  areaHistory: Record<'started' | 'ended' | 'rematched', { pairing: { id: string } }[]>;
}

describe('Query.areaHistory counts each pairing once', () => {
  for (const area of ['district', 'sub1']) {
    it(`in ${area}: as many started and ended events as distinct pairings`, async () => {
      const h = await ok<Events>(
        `{ areaHistory(area: "${id(area)}", from: "2024-01-01", to: "2025-12-31") {
            started { pairing { id } } ended { pairing { id } } rematched { pairing { id } } } }`,
      );
      for (const list of ['started', 'ended', 'rematched'] as const) {
        const ids = h.areaHistory[list].map((e) => e.pairing.id);
        expect(ids, list).toEqual([...new Set(ids)]);
      }
      const started = h.areaHistory.started.map((e) => e.pairing.id);
      expect(started).toContain(unitCommunity);
      expect(started).toContain(communityVillage);
      expect(h.areaHistory.ended.map((e) => e.pairing.id)).toContain(unitCommunity);
    });
  }
});
