/**
 * The compiled read path (server/compiled/, COMPILED_READS) gives the same answer as the loaders: every
 * example in examples/, every document the viewer sends (run through the viewer's own query
 * functions), the benchmark's questions and a set of
 * selections that exercise fragments, aliases, variables, @include/@skip, paging, edges and bad
 * arguments, asked of two apps (switch on, switch off) on the documented data and on a small synthetic
 * graph, compared deep-equal (data and errors).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, sample } from '../../bench/sections/queries.ts';
import { idPrefix, type SyntheticOptions } from '../../data/synthetic/generate.ts';
import { clearSynthetic, loadSynthetic } from '../../data/synthetic/load-synthetic.ts';
import { GraphStore } from '../../graph/graph-store.ts';
import { buildTestApp, gql, type TestApp } from '../helpers/app.ts';
import { testDriver } from '../helpers/neo4j.ts';

const OPTIONS: SyntheticOptions = { seed: 11, scale: 'tiny' };
const PREFIX = idPrefix(OPTIONS);
const { driver, database } = testDriver();
let compiled: TestApp;
let loaders: TestApp;

// The benchmark's 5-level question is over the default cost limit, and a loaded machine can spend the
// default database time on the claims check: neither is what this test compares.
const LIMITS = {
  RATE_LIMIT_COST: '1000000000000',
  GRAPHQL_MAX_COST: '1000000000',
  GRAPHQL_DB_BUDGET_MS: '300000',
  QUERY_TIMEOUT_MS: '300000',
};
beforeAll(async () => {
  compiled = await buildTestApp({ ...LIMITS, COMPILED_READS: 'true' });
  loaders = await buildTestApp({ ...LIMITS, COMPILED_READS: 'false' });
});
afterAll(async () => {
  await clearSynthetic(GraphStore.forLoads(driver, database), PREFIX);
  await compiled?.close();
  await loaders?.close();
  await driver.close();
});

/** Asks both apps; returns the compiled answer and how many round trips each took. */
async function same(query: string, variables: Record<string, unknown> = {}) {
  const a = compiled.store.roundTrips;
  const on = await gql(compiled, query, variables);
  const b = loaders.store.roundTrips;
  const off = await gql(loaders, query, variables);
  expect(on).toEqual(off);
  return { answer: on, trips: { compiled: compiled.store.roundTrips - a, loaders: loaders.store.roundTrips - b } };
}

interface Sent {
  query: string;
  variables: Record<string, unknown>;
}

/**
 * Runs the viewer's own query functions (web/src/queries.ts, web/src/audit-queries.ts) with fetch
 * answered by `app`, and returns every document and variables they sent, in order.
 */
async function viewerSends(
  app: TestApp,
  calls: (web: typeof import('../../web/src/queries.ts') & typeof import('../../web/src/audit-queries.ts')) => Promise<unknown>[],
) {
  const sent: Sent[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (_url: unknown, init: { body: string }) => {
    const body = JSON.parse(init.body) as Sent;
    sent.push(body);
    const answer = await gql(app, body.query, body.variables);
    return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  try {
    const web = { ...(await import('../../web/src/queries.ts')), ...(await import('../../web/src/audit-queries.ts')) };
    // A call may fail on what it is given (the test compares what the server answered, not the viewer).
    await Promise.allSettled(calls(web));
  } finally {
    globalThis.fetch = realFetch;
  }
  return sent;
}

/** The viewer's entity document (web/src/queries.ts entityDetails), captured from the viewer's own code. */
async function viewerDetailsDocument(): Promise<string> {
  const [sent] = await viewerSends(compiled, (web) => [web.entityDetails('any')]);
  if (!sent) throw new Error('the viewer sent no document');
  return sent.query;
}

const files = readdirSync('examples')
  .filter((f) => f.endsWith('.graphql'))
  .sort();

/** Selections over the seeded fixture-free documented data, picked to cover the compiler's paths. */
const SELECTIONS: [string, string, Record<string, unknown>?][] = [
  [
    'fragments, aliases and both directives',
    `query Q($deep: Boolean!, $flat: Boolean!, $k: [String!]) {
      organization(name: "历城区委") {
        ...Head
        a: children(first: 3) { totalCount nodes { ...Head ... on Organization { covers(kinds: $k) { totalCount nodes { id name } } } } }
        b: children(first: 2, kinds: ["SubdistrictWorkingCommittee"]) @include(if: $deep) { edges { cursor relationship sources { document quote } node { id } } pageInfo { hasNextPage endCursor } }
        c: children(first: 2) @skip(if: $flat) { nodes { id } }
        parentLink { relationship basis node { id name } }
        locatedIn { id name properties { key value } }
      }
    }
    fragment Head on Entity { __typename id name kind synthetic nameEn basis basisNote sources { document quote } }`,
    { deep: true, flat: false, k: ['Village', 'Community'] },
  ],
  [
    'the second page of a connection',
    `{ organization(name: "历城区委") { children(first: 2, after: "cDox") { totalCount nodes { id } pageInfo { hasNextPage endCursor } } } }`,
  ],
  [
    'a place with children, governors and pairings',
    `{ place(name: "港沟街道") { id children(first: 5) { totalCount nodes { id name ... on Place { pairings { id kind status validFrom partner { id name } target { id } } } } }
       governedBy { id name } } }`,
  ],
  [
    'pairings with arguments, twice under aliases',
    `{ place(name: "港沟街道") { children(first: 50, kinds: ["Village"]) { nodes { ... on Place {
       all: pairings { id }
       active: pairings(activeOn: "2024-01-01") { id activeOn(date: "2024-01-01") }
       ev: pairings(kind: EnterpriseVillage) { id }
     } } } } }`,
  ],
  [
    'list roots: organizations and industry chains with their fields',
    `query L($k: [String!]) {
      organizations(kinds: $k, first: 5, after: "cDox") { totalCount pageInfo { hasNextPage endCursor }
        nodes { id name ... on Organization { covers(first: 3) { totalCount nodes { id name } } children(first: 2) { nodes { id } } parent { id } } }
        edges { cursor relationship node { id kind } } }
      industryChains { id name kind ... on IndustryChain { leaders { role holder organization { id name } }
        subChains { id name ... on IndustryChain { leaders { role } enterprises(first: 1) { totalCount } } } enterprises(first: 3) { totalCount nodes { id } } } }
      inArea: industryChains(area: "历城区") { id name }
      orgsInArea: organizations(area: "历城区", first: 3) { totalCount nodes { id name } }
    }`,
    { k: ['DistrictCommittee', 'SubdistrictWorkingCommittee'] },
  ],
  ['a list root with a bad argument', `{ organizations(kinds: ["Planet"]) { totalCount } }`],
  ['an unknown name (NOT_FOUND with the closest names)', `{ organization(name: "历城区委员会不存在") { id } }`],
  ['an unknown id', `{ organization(id: "jn-no-such") { id } place(id: "jn-no-such") { id } entity(id: "jn-no-such") { id } }`],
  ['an unknown kind (the field names it)', `{ organization(name: "历城区委") { children(kinds: ["Planet"]) { totalCount } } }`],
  ['a bad page size', `{ organization(name: "历城区委") { children(first: 0) { totalCount } } }`],
  ['id and name both', `{ organization(id: "x", name: "y") { id } }`],
  ['an organization asked as a place', `{ place(name: "历城区委") { id } }`],
  [
    'descendants from its field fragment: aliases, arguments, variables, @skip/@include, edges with sources, nested fields',
    `query D($d: Int!, $k: [String!], $s: Boolean!) { organization(name: "历城区委") {
      a: descendants(maxDepth: $d, first: 3) { totalCount nodes { id name kind } pageInfo { hasNextPage endCursor } }
      b: descendants(maxDepth: $d, first: 3) { edges { cursor relationship basis node { __typename displayName nameEn } sources { document quote } } }
      c: descendants(maxDepth: 1, kinds: $k) { totalCount nodes { id name @skip(if: $s) sources @include(if: $s) { quote } } }
      d: descendants(first: 2, after: "cDox") { totalCount nodes { id properties { key value } ... on Organization { parent { id } ancestors { id } } } }
      f: descendants(maxDepth: 2, kinds: []) { totalCount nodes { id } }
    } }`,
    { d: 2, k: ['SubdistrictWorkingCommittee'], s: true },
  ],
  [
    'descendants with a depth outside 1..10 (the loader names the argument)',
    `{ organization(name: "历城区委") { descendants(maxDepth: 0) { totalCount } } }`,
  ],
  [
    'descendants of a place asked through entity (the type check), and of an organization with none',
    `{ a: entity(id: "lc-licheng-district") { id ... on Organization { descendants(maxDepth: 3) { totalCount } } }
       b: place(name: "港沟街道") { id } }`,
  ],
  [
    'chain leaders from their field fragment: every field, aliases, @skip, through Attested',
    `query C($s: Boolean!) { industryChains { id ... on IndustryChain {
      a: leaders { role holder organization { id name kind sources { quote } } roleEntity { id name properties { key value } } sources { document quote } basis basisNote }
      b: leaders { role @skip(if: $s) ... on Attested { basis } }
      c: leaders { __typename }
      subChains { id ... on IndustryChain { leaders { roleEntity { __typename id } organization { ... on Organization { parent { id } } } } } }
    } } }`,
    { s: true },
  ],
  [
    'fields the compiler leaves to the loaders, under compiled ones',
    `{ organization(name: "历城区委") { claims { id } descendantCounts { kind count } children(first: 3) { nodes { id ... on Organization { ancestors { id } people { title } } } } } }`,
  ],
];

describe('compiled reads answer as the loaders do: documented data', () => {
  it.each(files)('examples/%s', async (file) => {
    await same(readFileSync(`examples/${file}`, 'utf8'));
  });

  it.each(SELECTIONS)('%s', async (_name, query, variables) => {
    await same(query, variables);
  });

  it("the viewer's entity details, for an entity of every type", async () => {
    const document = await viewerDetailsDocument();
    const { records } = await driver.executeQuery(
      'MATCH (n:Entity) WHERE NOT coalesce(n.synthetic, false) WITH n.kind AS kind, min(n.id) AS id RETURN id ORDER BY id',
      {},
      { database },
    );
    expect(records.length).toBeGreaterThan(5);
    for (const r of records) await same(document, { id: r.get('id') });
  });

  it("every document the viewer sends (web/src/queries.ts, web/src/audit-queries.ts), with the viewer's own variables", async () => {
    const ids = async (query: string) => (await driver.executeQuery(query, {}, { database })).records.map((r) => String(r.get(0)));
    const [org, other] = await ids("MATCH (n:Organization) WHERE n.name IN ['历城区委', '港沟街道党工委'] RETURN n.id ORDER BY n.name");
    const [village] = await ids('MATCH (n:Village) WHERE NOT coalesce(n.synthetic, false) RETURN n.id ORDER BY n.id LIMIT 1');
    expect(org && other && village).toBeTruthy();
    const neighbourhood = { id: org!, depth: 2, limit: 300 };
    const sent = await viewerSends(compiled, (web) => [
      web.searchEntities('历城', false),
      web.entityRefs([org!, other!, village!]),
      web.entityDetails(org!),
      web.districtAreas(false),
      web.hierarchyElements('历城区委', 3, 500),
      web.neighbourhoodElements(neighbourhood),
      web.neighbourhoodElements({ ...neighbourhood, asOf: '2024-06-30', relationships: ['REPORTS_TO', 'COVERS'] }),
      web.manyNeighbourhoods([neighbourhood, { id: village!, depth: 1, limit: 50 }]),
      web.coverageView('历城区', null),
      web.coverageView('历城区', '2024-06-30'),
      web.chainsAndBuildings('历城区', false),
      web.chainsAndBuildings(null, false),
      web.chainElements('历城区', false),
      web.pathElements(village!, org!, 6),
      web.areaFindings('历城区', null),
      web.coverageRollup('历城区', '2024-06-30'),
      web.unpairedOf('历城区', 'EnterpriseVillage', null),
      web.areaHistory('历城区', '2023-01-01', '2025-12-31', true),
      web.auditElements('历城区', null),
    ]);
    // Every exported query function is asked at least once.
    const names = new Set(sent.map((s) => /^\s*query (\w+)/.exec(s.query)?.[1]));
    expect(names.size).toBeGreaterThanOrEqual(15);
    // A relationship the viewer drew, asked as the details panel asks it.
    const drawn = await gql<{ neighbourhood: { edges: { data: { id: string } }[] } }>(
      compiled,
      `query E($id: ID!) { neighbourhood(id: $id, depth: 1, limit: 20) { edges { data { id } } } }`,
      { id: org },
    );
    const edge = drawn.data?.neighbourhood.edges[0]?.data.id;
    expect(edge).toBeTruthy();
    sent.push(...(await viewerSends(compiled, (web) => [web.relationshipDetails(edge!)])));
    for (const { query, variables } of sent) await same(query, variables);
  });

  it("the viewer's district list and the city's chains (list roots with nested fields) are one round trip each", async () => {
    for (const query of [
      `{ organizations(kinds: ["DistrictCommittee"], first: 20) { nodes { id name ... on Organization { covers(kinds: ["District"], first: 1) { nodes { id name } } } } } }`,
      `{ industryChains { id name ... on IndustryChain { leaders { role organization { name } } subChains { id ... on IndustryChain { leaders { role } } } enterprises(first: 100) { totalCount nodes { id } } } } }`,
    ]) {
      const { trips } = await same(query);
      expect(trips.compiled, query).toBe(1);
      expect(trips.loaders, query).toBeGreaterThan(1);
    }
  });

  it('a nested compiled query is one round trip; with the switch off, one per level', async () => {
    const { trips, answer } = await same(`{ organization(name: "历城区委") { name children(first: 10) { nodes { ... on Organization {
      name children(first: 10) { nodes { ... on Organization { name covers(kinds: ["Village"], first: 20) { nodes { ... on Place { name pairings { id } } } } } } } } } } } }`);
    expect((answer.data as { organization: unknown }).organization).not.toBeNull();
    expect(trips.compiled).toBe(1);
    expect(trips.loaders).toBeGreaterThan(1);
  });
});

describe('compiled reads answer as the loaders do: a synthetic graph', () => {
  beforeAll(async () => {
    await loadSynthetic(GraphStore.forLoads(driver, database), OPTIONS);
  }, 300_000);

  it("the benchmark's questions", async () => {
    const s = await sample(driver, PREFIX);
    for (const c of cases(s)) {
      const { answer } = await same(c.graphql);
      expect(answer.errors, c.name).toBeUndefined();
    }
  });

  it('a district committee: children, covers, pairings and edges, synthetic included', async () => {
    const s = await sample(driver, PREFIX);
    await same(
      `query Q($id: ID!) { organization(id: $id) { id children(first: 7) { totalCount pageInfo { hasNextPage endCursor } edges { cursor relationship node { id name kind
        ... on Organization { covers(first: 30) { totalCount nodes { id kind ... on Place { pairings { id status partner { id name } } children(first: 3) { totalCount nodes { id } } } } }
          chainsLed { id name ... on IndustryChain { enterprises(first: 5) { totalCount nodes { id } } partyBuildingLeads { id } } } } } } } } }`,
      { id: s.district.id },
    );
    await same(`query Q($id: ID!) { place(id: $id) { id children { totalCount nodes { id } } } }`, { id: s.district.place });
    // A deep subtree from the descendants field fragment, every depth bound, pages, kinds, and sources.
    for (const maxDepth of [1, 3, 4, 10]) {
      await same(
        `query Q($id: ID!, $d: Int!) { organization(id: $id) { all: descendants(maxDepth: $d, first: 500) { totalCount nodes { id name kind synthetic } }
          page: descendants(maxDepth: $d, first: 7, after: "cDox") { totalCount edges { cursor node { id displayName } sources { quote } } pageInfo { hasNextPage } }
          some: descendants(maxDepth: $d, kinds: ["Village", "SubdistrictWorkingCommittee"], first: 20) { totalCount nodes { id kind properties { key } } } } }`,
        { id: s.district.id, d: maxDepth },
      );
    }
  });
});

describe('the request guards hold on the compiled path', () => {
  const NESTED_DEFAULT_PAGES = `{ organization(name: "历城区委") { children { nodes { ... on Organization {
    children { nodes { ... on Organization { covers { nodes { id } } } } } } } } } }`;

  it('the cost rule refuses a compiled root before any Cypher', async () => {
    const before = compiled.store.roundTrips;
    const strict = await buildTestApp({ COMPILED_READS: 'true' });
    try {
      const answer = await gql(strict, NESTED_DEFAULT_PAGES);
      expect(answer.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(strict.store.roundTrips).toBe(0);
    } finally {
      await strict.close();
    }
    expect(compiled.store.roundTrips).toBe(before);
  });

  it('the database time budget is the compiled read’s transaction timeout: nothing left, nothing read', async () => {
    const spent = await buildTestApp({ COMPILED_READS: 'true', GRAPHQL_DB_BUDGET_MS: '1' });
    try {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const answer = await gql(spent, `{ organization(name: "历城区委") { children(first: 5) { nodes { id } } } }`);
      expect(answer.errors?.[0]?.extensions?.code).toBe('TIME_BUDGET_EXCEEDED');
      expect(answer.errors?.[0]?.message).toContain('GRAPHQL_DB_BUDGET_MS');
      expect(spent.store.roundTrips).toBe(0);
    } finally {
      await spent.close();
    }
  });

  it('objects from the compiled query are counted against GRAPHQL_MAX_OBJECTS as the loaders’ are', async () => {
    const query = `{ organization(name: "历城区委") { a: children(first: 50) { nodes { id } } b: children(first: 49) { nodes { id } } } }`;
    const small = { GRAPHQL_MAX_OBJECTS: '10', ...LIMITS };
    const on = await buildTestApp({ ...small, COMPILED_READS: 'true' });
    const off = await buildTestApp({ ...small, COMPILED_READS: 'false' });
    try {
      const [a, b] = [await gql(on, query), await gql(off, query)];
      expect(a).toEqual(b);
      expect(a.errors?.[0]?.extensions?.code).toBe('RESPONSE_TOO_LARGE');
    } finally {
      await on.close();
      await off.close();
    }
  });
});
