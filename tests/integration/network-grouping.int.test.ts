/**
 * Grouping a large network by 街道 (#20): subdistrictsOf says which 街道 each entity lies in, the
 * nearest Subdistrict up its lines of place and command (cypher/fragments/located-in.cypher), and
 * leaves out entities with none. On the fixture graph (tests/helpers/fixture.ts): villages v1–v5 lie in
 * 甲街道, v6–v8 in 乙街道, branch b1 governs v1, the joint committee reports to 甲街道's working
 * committee, the city and the district lie in no 街道.
 */
import { describe, expect, it } from 'vitest';
import { gql } from '../helpers/app.ts';
import { withFixtureApp } from '../helpers/fixture.ts';

const P = 'tg';
const fixture = withFixtureApp(P);
const { id } = fixture;

describe('subdistrictsOf', () => {
  it('gives the 街道 of villages, branches and committees, and leaves out what lies in none', async () => {
    const ids = ['v1', 'v6', 'b1', 'jc', 'sub2', 'city', 'district'].map(id);
    const { data, errors } = await gql<{ subdistrictsOf: { id: string; subdistrictId: string; subdistrict: string }[] }>(
      fixture.app,
      `query($ids: [ID!]!) { subdistrictsOf(ids: $ids) { id subdistrictId subdistrict } }`,
      { ids: [...ids, 'nope', id('v1')] },
    );
    expect(errors).toBeUndefined();
    const byId = new Map(data!.subdistrictsOf.map((r) => [r.id, r]));
    expect(byId.get(id('v1'))).toEqual({ id: id('v1'), subdistrictId: id('sub1'), subdistrict: `${P}甲街道` });
    expect(byId.get(id('b1'))?.subdistrictId).toBe(id('sub1'));
    expect(byId.get(id('jc'))?.subdistrictId).toBe(id('sub1'));
    expect(byId.get(id('v6'))?.subdistrictId).toBe(id('sub2'));
    // A 街道 lies in itself; the city, the district and unknown ids in none.
    expect(byId.get(id('sub2'))?.subdistrictId).toBe(id('sub2'));
    expect([...byId.keys()].sort()).toEqual(['v1', 'v6', 'b1', 'jc', 'sub2'].map(id).sort());
  });

  it('refuses more than 5000 ids, naming the argument', async () => {
    const ids = Array.from({ length: 5001 }, (_, i) => `x${i}`);
    const answer = await gql(fixture.app, 'query($ids: [ID!]!) { subdistrictsOf(ids: $ids) { id } }', { ids });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ field: 'ids' });
  });
});
