/**
 * No N+1: a nested query costs one Cypher round trip per level (Mercurius loaders with UNWIND $ids),
 * however many parents a level has. Counted on the store that every resolver goes through.
 */
import { describe, expect, it } from 'vitest';
import { gql } from '../helpers/app.ts';
import { withFixtureApp } from '../helpers/fixture.ts';

const P = 'trt';
const fixture = withFixtureApp(P);

const NESTED = `{
  organization(id: "${P}-dc") {
    name
    children(first: 10) { nodes { ... on Organization {
      name
      children(first: 10) { nodes { ... on Organization {
        name
        covers(kinds: ["Village"], first: 20) { nodes { ... on Place {
          name
          pairings { id partner { name } }
        } } }
      } } }
    } } }
  }
}`;

async function roundTrips(query: string) {
  const before = fixture.app.store.roundTrips;
  const result = await gql<{ organization: any }>(fixture.app, query);
  expect(result.errors).toBeUndefined();
  return { trips: fixture.app.store.roundTrips - before, data: result.data };
}

describe('round trips', () => {
  it('district → subdistricts → joint committees → villages → pairings costs one query per level', async () => {
    const { trips, data } = await roundTrips(NESTED);
    const subdistricts = data!.organization.children.nodes;
    expect(subdistricts).toHaveLength(2);
    const villages = subdistricts.flatMap((s: any) => s.children.nodes.flatMap((j: any) => j.covers.nodes));
    expect(villages).toHaveLength(3); // the joint committee's v1–v3 (the building committee covers none)
    const pairings = villages.flatMap((v: any) => v.pairings);
    expect(pairings.map((p: any) => p.id).sort()).toEqual([`${P}-p1`, `${P}-p2`]);
    // organization, children, children, covers, pairings: five levels, five round trips,
    // while the parents at each level number 1, 2, 2 and 3.
    expect(trips).toBe(5);
  });

  it('asking the same field with different arguments costs one query per distinct argument set', async () => {
    const { trips } = await roundTrips(`{
      organization(id: "${P}-dc") {
        a: descendants(maxDepth: 1) { totalCount }
        b: descendants(maxDepth: 2) { totalCount }
        c: descendants(maxDepth: 1) { totalCount }
      }
    }`);
    expect(trips).toBe(3); // organization + two distinct argument sets
  });
});
