/**
 * No N+1: a nested query costs one Cypher round trip per level (Mercurius loaders with UNWIND $ids),
 * however many parents a level has; with the compiled read path (COMPILED_READS, the default) it costs
 * one round trip in all. Counted on the store that every resolver goes through.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepPastAnswers } from '../../server/compiled/past-answers.ts';
import { ADMIN, authHeaders, buildTestApp, gql, type TestApp } from '../helpers/app.ts';
import { withFixtureApp } from '../helpers/fixture.ts';

const P = 'trt';
// The loaders' own guarantee, measured with the compiled read path off.
const fixture = withFixtureApp(P, { COMPILED_READS: 'false' });
let compiled: TestApp;
beforeAll(async () => {
  // A loaded machine can spend the default query time on the claims check; time is not what is tested.
  compiled = await buildTestApp({ COMPILED_READS: 'true', QUERY_TIMEOUT_MS: '300000', GRAPHQL_DB_BUDGET_MS: '300000' });
});
afterAll(() => compiled?.close());

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

describe('round trips with the compiled read path', () => {
  it('the same nested query is one round trip, with the same answer', async () => {
    const before = compiled.store.roundTrips;
    const result = await gql<{ organization: any }>(compiled, NESTED);
    expect(result.errors).toBeUndefined();
    expect(compiled.store.roundTrips - before).toBe(1);
    expect(result.data).toEqual((await roundTrips(NESTED)).data);
  });

  it('a chain with its leaders and enterprises, and a subtree to depth 2, are one round trip each, answered as the loaders answer', async () => {
    const questions = [
      `{ entity(id: "${P}-chain") { ... on IndustryChain { name leaders { role holder organization { name } } enterprises { totalCount nodes { id name } } } } }`,
      `{ organization(id: "${P}-dc") { descendants(maxDepth: 2, first: 50) { totalCount nodes { id name kind } } } }`,
    ];
    for (const query of questions) {
      const before = compiled.store.roundTrips;
      const result = await gql<Record<string, any>>(compiled, query);
      expect(result.errors).toBeUndefined();
      expect(compiled.store.roundTrips - before, query).toBe(1);
      expect(result.data).toEqual((await roundTrips(query)).data);
    }
    const chain = (await gql<{ entity: any }>(compiled, questions[0]!)).data!.entity;
    expect(chain.leaders).toEqual([{ role: '总链长', holder: '区级领导', organization: { name: `${P}区委` } }]);
    expect(chain.enterprises.nodes.map((n: any) => n.id)).toEqual([`${P}-e1`]);
  });

  it('a field the compiler leaves to its loader adds one round trip, however many parents ask it', async () => {
    const before = compiled.store.roundTrips;
    const result = await gql<{ organization: any }>(
      compiled,
      `{ organization(id: "${P}-dc") { children(first: 10) { nodes { id ... on Organization { claims { id } } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.organization.children.nodes).toHaveLength(2);
    expect(compiled.store.roundTrips - before).toBe(2); // the compiled query + one batched claims (its query is not embeddable)
  });
});

describe('fixed documents: persisted by hash, parsed once', () => {
  const DOCUMENT = `query Persisted($id: ID!) { organization(id: $id) { id name children(first: 5) { totalCount } } }`;
  const hash = createHash('sha256').update(DOCUMENT, 'utf8').digest('hex');
  const post = async (payload: Record<string, unknown>) =>
    (await compiled.inject({ method: 'POST', url: '/graphql', payload, headers: authHeaders(ADMIN) })).json() as {
      data?: Record<string, unknown>;
      errors?: { message: string }[];
    };
  const persisted = { persistedQuery: { version: 1, sha256Hash: hash } };

  it('a hash the server has not seen asks for the text; after text and hash, the hash alone answers the same, in one round trip', async () => {
    const variables = { id: `${P}-dc` };
    const unknown = await post({ variables, extensions: persisted });
    expect(unknown.errors?.[0]?.message).toBe('PersistedQueryNotFound');
    const first = await post({ query: DOCUMENT, variables, extensions: persisted });
    expect(first.errors).toBeUndefined();
    const before = compiled.store.roundTrips;
    const again = await post({ variables, extensions: persisted });
    expect(compiled.store.roundTrips - before).toBe(1);
    expect(again).toEqual(first);
    expect(again.data).toMatchObject({ organization: { id: `${P}-dc` } });
  });

  it('a hash that is not the text’s is refused, and nothing runs', async () => {
    const before = compiled.store.roundTrips;
    const wrong = await post({ query: `${DOCUMENT} `, variables: { id: `${P}-dc` }, extensions: persisted });
    expect(wrong.errors?.[0]?.message).toBe('provided sha does not match query');
    expect(compiled.store.roundTrips).toBe(before);
  });
});

describe('answers about a past date are kept until a write commits', () => {
  const coverage = (asOf: string) =>
    `{ pairingCoverage(area: "${P}-district", asOf: "${asOf}") { villages paired unpaired { totalCount nodes { id } } } }`;
  const trips = async (query: string) => {
    const before = compiled.store.roundTrips;
    const answer = await gql(compiled, query);
    expect(answer.errors).toBeUndefined();
    return { trips: compiled.store.roundTrips - before, answer };
  };

  it('the same past question again reads nothing; today is never kept; a committed write empties the cache', async () => {
    const stop = keepPastAnswers(compiled.store, { max: 100, maxAgeMs: 60_000 });
    try {
      // The coverage question (coverage/compute-coverage, asOf 2024-06-30, its area looked up in the
      // same query) is read the first time only.
      const first = await trips(coverage('2024-06-30'));
      expect(first.trips).toBe(1);
      const again = await trips(coverage('2024-06-30'));
      expect(again.trips).toBe(0);
      expect(again.answer).toEqual(first.answer);
      const today = new Date().toISOString().slice(0, 10);
      await trips(coverage(today));
      expect((await trips(coverage(today))).trips).toBe(1);
      // A write through the API commits and is announced: the next past question reads again.
      const renamed = await gql(compiled, `mutation { updateOrganization(id: "${P}-sw2", input: { nameEn: "Yi subdistrict" }) { id } }`);
      expect(renamed.errors).toBeUndefined();
      const after = await trips(coverage('2024-06-30'));
      expect(after.trips).toBe(1);
      expect(after.answer).toEqual(first.answer);
    } finally {
      stop();
    }
    // Removed: reads go to the database again.
    expect((await trips(coverage('2024-06-30'))).trips).toBe(1);
  });
});
