/**
 * The 街道 ranking (subdistrictRanking): every subdistrict within an area across its districts, with
 * its coverage per pairing kind, lowest enterprise–village rate first, each row the numbers
 * pairingCoverage gives for that subdistrict and kind; on the fixture (known answers) and on the
 * documented city 济南市.
 */
import { describe, expect, it } from 'vitest';
import { gql } from '../helpers/app.ts';
import { withFixtureApp } from '../helpers/fixture.ts';

const P = 'rk';
const fixture = withFixtureApp(P);
const { id } = fixture;

interface KindRow {
  kind: string;
  targets: number;
  paired: number;
  unpaired: number;
  rate: number | null;
}
interface RankRow {
  subdistrict: { id: string; name: string };
  district: { id: string; name: string } | null;
  byKind: KindRow[];
}

const RANKING = `query($area: String!, $asOf: String) {
  subdistrictRanking(area: $area, asOf: $asOf) {
    subdistrict { id name } district { id name } byKind { kind targets paired unpaired rate }
  }
}`;

async function ranking(area: string, asOf?: string): Promise<RankRow[]> {
  const { data, errors } = await gql<{ subdistrictRanking: RankRow[] }>(fixture.app, RANKING, { area, asOf });
  expect(errors, JSON.stringify(errors)).toBeUndefined();
  return data!.subdistrictRanking;
}

/** Each row and kind against pairingCoverage for the same subdistrict, kind and date. */
async function expectMatchesCoverage(rows: RankRow[], asOf: string) {
  for (const row of rows) {
    for (const k of row.byKind) {
      const { data, errors } = await gql<{
        pairingCoverage: { villages: number; paired: number; rate: number | null; unpaired: { totalCount: number } };
      }>(
        fixture.app,
        'query($area: String!, $kind: PairingKind!, $asOf: String) { pairingCoverage(area: $area, kind: $kind, asOf: $asOf) { villages paired rate unpaired { totalCount } } }',
        { area: row.subdistrict.id, kind: k.kind, asOf },
      );
      expect(errors, JSON.stringify(errors)).toBeUndefined();
      const c = data!.pairingCoverage;
      expect({
        subdistrict: row.subdistrict.name,
        kind: k.kind,
        targets: k.targets,
        paired: k.paired,
        unpaired: k.unpaired,
        rate: k.rate,
      }).toEqual({
        subdistrict: row.subdistrict.name,
        kind: k.kind,
        targets: c.villages,
        paired: c.paired,
        unpaired: c.unpaired.totalCount,
        rate: c.rate,
      });
    }
  }
}

describe('subdistrictRanking', () => {
  it('ranks the fixture city’s subdistricts, lowest enterprise–village rate first, with their district', async () => {
    const rows = await ranking(id('city'), '2025-06-01');
    expect(rows.map((r) => r.subdistrict.id)).toEqual([id('sub1'), id('sub2')]);
    expect(rows.every((r) => r.district?.id === id('district'))).toBe(true);
    const [sub1, sub2] = rows;
    expect(sub1!.byKind.map((k) => k.kind)).toEqual(['EnterpriseVillage', 'CommunityVillage', 'UnitCommunity']);
    // 甲街道: v1 paired (e1, from 2024), v2's pairing ended 2024-06-30, v3–v5 never; one community, unpaired.
    expect(sub1!.byKind[0]).toEqual({ kind: 'EnterpriseVillage', targets: 5, paired: 1, unpaired: 4, rate: 0.2 });
    expect(sub1!.byKind[2]).toEqual({ kind: 'UnitCommunity', targets: 1, paired: 0, unpaired: 1, rate: 0 });
    // 乙街道: v6 paired from 2025; no community, so no rate for 双报到.
    expect(sub2!.byKind[0]).toEqual({ kind: 'EnterpriseVillage', targets: 3, paired: 1, unpaired: 2, rate: 1 / 3 });
    expect(sub2!.byKind[2]).toEqual({ kind: 'UnitCommunity', targets: 0, paired: 0, unpaired: 0, rate: null });
    await expectMatchesCoverage(rows, '2025-06-01');
  });

  it('follows the date: before 2025 乙街道 has no pairing, and 甲街道 still had its ended one', async () => {
    const rows = await ranking(id('district'), '2024-03-01');
    const byId = new Map(rows.map((r) => [r.subdistrict.id, r.byKind[0]!]));
    expect(byId.get(id('sub1'))).toMatchObject({ targets: 5, paired: 2 });
    expect(byId.get(id('sub2'))).toMatchObject({ targets: 3, paired: 0, rate: 0 });
    expect(rows[0]!.subdistrict.id).toBe(id('sub2'));
    await expectMatchesCoverage(rows, '2024-03-01');
  });

  it('ranks every 街道 of 济南市 across its districts, each row matching pairingCoverage', async () => {
    const rows = await ranking('济南市', '2025-06-01');
    const districts = new Set(rows.map((r) => r.district?.name));
    expect(districts).toEqual(new Set(['历城区', '市中区', '济南高新区'].filter((d) => districts.has(d))));
    expect(districts.size).toBeGreaterThanOrEqual(2);
    const names = rows.map((r) => r.subdistrict.name);
    expect(names).toContain('党家街道');
    expect(names).toContain('港沟街道');
    expect(rows.find((r) => r.subdistrict.name === '党家街道')?.district?.name).toBe('市中区');
    // No fixture or synthetic subdistrict in the documented city's ranking.
    expect(names.some((n) => n.startsWith(P) || n.startsWith('合成'))).toBe(false);
    await expectMatchesCoverage(rows, '2025-06-01');
  });

  it('ranks a district’s 街道 from the district’s one walk (their places are its parts), each row matching pairingCoverage', async () => {
    for (const area of [id('district'), 'lc-licheng-district']) {
      const rows = await ranking(area, '2025-06-01');
      expect(rows.length, area).toBeGreaterThan(0);
      await expectMatchesCoverage(rows, '2025-06-01');
    }
  });

  it('refuses a bad date and an unknown area, naming the field', async () => {
    const badDate = await gql(fixture.app, RANKING, { area: id('city'), asOf: '2025-13-01' });
    expect(badDate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
    const unknown = await gql(fixture.app, RANKING, { area: '没有这个市' });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'area' });
  });
});
