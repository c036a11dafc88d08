/**
 * Every request's cost is bounded before it runs and its size while it runs (issue #13 items 1 and 6,
 * issue #14 item 9). Each reproduction of the red-team review is here: nested plain lists (`siblings`
 * ×5/×6/×9, also through named fragments and repeated `entities(ids:)`), page sizes passed as
 * variables or left at their defaults, `path` between unconnected components, a forged cursor. Each
 * must be refused with a code naming the limit, or answered within bounds, in at most 3 s and with
 * at most 200 MB more resident memory in the process that runs the app (app.inject: same process).
 */
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeaders, buildTestApp, type TestApp, testConfig } from '../helpers/app.ts';
import { testDriver } from '../helpers/neo4j.ts';

/** Codes that say a limit refused the request (never INTERNAL_SERVER_ERROR or a timeout). */
const LIMIT_CODES = ['QUERY_TOO_COMPLEX', 'RESPONSE_TOO_LARGE', 'TIME_BUDGET_EXCEEDED', 'BAD_USER_INPUT'];
const MAX_MS = 3_000;
const MAX_RSS_GROWTH = 200 * 1024 * 1024;
/** Two islands the test owns: a village and a committee linked to nothing else, and each other. */
const ISLAND = ['test-cost-island-village', 'test-cost-island-committee'];

let app: TestApp;
let driver: Driver;
let database: string;
/** A subdistrict working committee of the documented data (党家街道党工委: 7 siblings). */
const SUBDISTRICT = '党家街道党工委';

beforeAll(async () => {
  app = await buildTestApp();
  ({ driver, database } = testDriver());
  await driver.executeQuery(
    `CREATE (v:Entity:Place {id: $ids[0], name: '测试孤岛村', kind: 'Village', synthetic: true})
     CREATE (o:Entity:Organization {id: $ids[1], name: '测试孤岛党支部', kind: 'Branch', synthetic: true})
     CREATE (o)-[:GOVERNS {id: $ids[1] + '|GOVERNS|' + $ids[0]}]->(v)`,
    { ids: ISLAND },
    { database },
  );
});
afterAll(async () => {
  await driver.executeQuery('MATCH (n:Entity) WHERE n.id IN $ids DETACH DELETE n', { ids: ISLAND }, { database });
  await driver.close();
  await app.close();
});

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
  bytes: number;
  ms: number;
  rssGrowth: number;
  ranCypher: boolean;
}

async function ask(query: string, variables: Record<string, unknown> = {}, on: TestApp = app): Promise<Answer> {
  const rssBefore = process.memoryUsage().rss;
  const trips = on.store.roundTrips;
  const started = performance.now();
  const response = await on.inject({
    method: 'POST',
    url: '/graphql',
    headers: authHeaders({ role: 'viewer' }),
    payload: { query, variables },
  });
  const ms = performance.now() - started;
  return {
    status: response.statusCode,
    body: response.json(),
    bytes: response.body.length,
    ms,
    rssGrowth: process.memoryUsage().rss - rssBefore,
    ranCypher: on.store.roundTrips !== trips,
  };
}

/** Refused by a named limit before any Cypher ran, fast and small. */
function expectRefusedBeforeCypher(answer: Answer, code = 'QUERY_TOO_COMPLEX') {
  expect(answer.body.data ?? null).toBeNull();
  expect(answer.body.errors?.[0]?.extensions?.code).toBe(code);
  expect(answer.body.errors?.[0]?.message).not.toMatch(/Syntax Error/);
  expect(answer.ranCypher).toBe(false);
  expectBounded(answer);
}

/** Answered or refused within the time and memory bounds, never with a 5xx or an internal error. */
function expectBounded(answer: Answer) {
  expect(answer.ms).toBeLessThan(MAX_MS);
  expectSmall(answer);
}

/**
 * Within the memory and size bounds (for ordinary queries, whose time is the benchmarks' business: on
 * a loaded machine a cold query may take seconds).
 */
function expectSmall(answer: Answer) {
  expect(answer.rssGrowth).toBeLessThan(MAX_RSS_GROWTH);
  expect(answer.status).toBeLessThan(500);
  for (const error of answer.body.errors ?? []) expect(LIMIT_CODES).toContain(error.extensions?.code);
  expect(answer.bytes).toBeLessThanOrEqual(testConfig().GRAPHQL_MAX_RESPONSE_BYTES + 1_000);
}

const nest = (field: string, times: number, leaf = 'id') => {
  let selection = leaf;
  for (let i = 0; i < times; i += 1) selection = `${field} { ${selection} }`;
  return selection;
};

describe('nested plain lists (H1)', () => {
  it.each([5, 6, 9])('refuses siblings ×%i on a subdistrict working committee before any Cypher', async (times) => {
    const answer = await ask(`{ organization(name: "${SUBDISTRICT}") { ${nest('siblings', times)} } }`);
    expectRefusedBeforeCypher(answer);
    // The refusal names the limit, its value, and how to fix the query.
    const message = answer.body.errors?.[0]?.message ?? '';
    expect(message).toContain(String(testConfig().GRAPHQL_MAX_COST));
    expect(message).toMatch(/first/);
  });

  it('still answers siblings of siblings', async () => {
    const answer = await ask(`{ organization(name: "${SUBDISTRICT}") { ${nest('siblings', 2, 'id name')} } }`);
    expect(answer.body.errors).toBeUndefined();
    const siblings = (answer.body.data?.organization as { siblings: { siblings: unknown[] }[] } | undefined)?.siblings ?? [];
    expect(siblings.length).toBeGreaterThanOrEqual(7);
    expectSmall(answer);
  });

  it('prices named fragments as the selections they stand for', async () => {
    const answer = await ask(
      `query Q { organization(name: "${SUBDISTRICT}") { ...A } }
       fragment A on Organization { siblings { ...B } }
       fragment B on Organization { siblings { ...C } }
       fragment C on Organization { siblings { siblings { id } } }`,
    );
    expectRefusedBeforeCypher(answer);
  });

  it('prices entities(ids:) by its distinct ids and refuses more ids than the cap', async () => {
    const found = (await ask(`{ search(text: "${SUBDISTRICT}", first: 1) { id } }`)).body.data?.search as { id: string }[];
    const id = found[0]?.id;
    const repeated = Array.from({ length: 500 }, () => id);
    const tooMany = await ask('query E($ids: [ID!]!) { entities(ids: $ids) { id } }', {
      ids: Array.from({ length: 1000 }, (_, i) => `x-${i}`),
    });
    expectRefusedBeforeCypher(tooMany, 'BAD_USER_INPUT');
    const nested = await ask(`query E($ids: [ID!]!) { entities(ids: $ids) { ... on Organization { ${nest('siblings', 4)} } } }`, {
      ids: repeated.slice(0, 100),
    });
    expectRefusedBeforeCypher(nested);
    // Repeated ids are answered once each, in the order first asked.
    const deduplicated = await ask('query E($ids: [ID!]!) { entities(ids: $ids) { id } }', { ids: repeated });
    expect(deduplicated.body.errors).toBeUndefined();
    expect(deduplicated.body.data?.entities).toEqual([{ id }]);
  });
});

describe('page sizes from variables and defaults (M2)', () => {
  /** children ×3, each level's page given by `args` (a literal, a variable, or nothing: the default). */
  const children = (args: string) => {
    let selection = 'id name';
    for (let i = 0; i < 3; i += 1) selection = `id children${args} { nodes { ... on Organization { ${selection} } } }`;
    return selection;
  };

  it('refuses children(first: $n) ×3 with n = 500 before any Cypher', async () => {
    const answer = await ask(`query C($n: Int) { organization(name: "历城区委") { ${children('(first: $n)')} } }`, { n: 500 });
    expectRefusedBeforeCypher(answer);
  });

  it('prices a list left at its default page size', async () => {
    const answer = await ask(`{ organization(name: "历城区委") { ${children('')} } }`);
    expectRefusedBeforeCypher(answer);
  });

  it('answers the same query with small pages', async () => {
    const answer = await ask(`query C($n: Int) { organization(name: "历城区委") { ${children('(first: $n)')} } }`, { n: 10 });
    expect(answer.body.errors).toBeUndefined();
    expectSmall(answer);
  });

  it('refuses a forged cursor as bad input before it reaches Neo4j', async () => {
    const after = Buffer.from('p:99999999999999999999').toString('base64url');
    const answer = await ask(
      `query C($after: String) { organization(name: "历城区委") { children(first: 5, after: $after) { totalCount } } }`,
      {
        after,
      },
    );
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expectBounded(answer);
    // Only the organization was looked up; the page was never asked for.
    expect(answer.body.data?.organization ?? null).toBeNull();
  });
});

describe('paths between unconnected components (M2)', () => {
  // First, so that the timed searches below do not also pay for planning the query (a cold plan on a
  // loaded machine takes seconds).
  it('still finds a path inside the island', async () => {
    const answer = await ask('query P($from: ID!, $to: ID!) { path(from: $from, to: $to, maxLength: 3) { id } }', {
      from: ISLAND[1],
      to: ISLAND[0],
    });
    expect(answer.body).toEqual({ data: { path: [{ id: ISLAND[1] }, { id: ISLAND[0] }] } });
  });

  it.each([
    ['path', '{ path(from: $from, to: $to, maxLength: 10) { id } }'],
    ['pathElements', '{ pathElements(from: $from, to: $to, maxLength: 10) { nodes { data { id } } } }'],
  ])('%s from the documented graph to an island answers or refuses within seconds', async (_name, selection) => {
    const answer = await ask(`query P($from: ID!, $to: ID!) ${selection}`, { from: 'sz-dangjia-working-committee', to: ISLAND[0] });
    expectBounded(answer);
    if (!answer.body.errors) expect(Object.values(answer.body.data ?? {})).toEqual([null]);
  });

  it('paths (the alternatives) from the documented graph to an island answers or refuses within seconds', async () => {
    const answer = await ask('query P($from: ID!, $to: ID!) { paths(from: $from, to: $to, k: 5, maxLength: 10) { length } }', {
      from: 'sz-dangjia-working-committee',
      to: ISLAND[0],
    });
    expectBounded(answer);
    if (!answer.body.errors) expect(answer.body.data).toEqual({ paths: [] });
  });

  it('answers twenty aliased no-path searches within the request budget', async () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `p${i}: path(from: $from, to: $to, maxLength: 10) { id }`).join(' ');
    const answer = await ask(`query P($from: ID!, $to: ID!) { ${aliases} }`, { from: 'sz-dangjia-working-committee', to: ISLAND[0] });
    expectBounded(answer);
  });
});

describe('caps while a request runs', () => {
  it('refuses an answer with more objects than the cap, naming the cap', async () => {
    const small = await buildTestApp({ GRAPHQL_MAX_OBJECTS: '10' });
    try {
      // One object per kind of entity: more than ten.
      const answer = await ask('{ kinds { name } }', {}, small);
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('RESPONSE_TOO_LARGE');
      expect(answer.body.errors?.[0]?.message).toContain('10 objects (GRAPHQL_MAX_OBJECTS)');
      const fits = await ask('{ me { role } }', {}, small);
      expect(fits.body.errors).toBeUndefined();
    } finally {
      await small.close();
    }
  });

  it('refuses an answer of more bytes than the cap', async () => {
    const small = await buildTestApp({ GRAPHQL_MAX_RESPONSE_BYTES: '2000' });
    try {
      const answer = await ask('{ a: kinds { name zh category count } b: kinds { name zh category count } }', {}, small);
      expect(answer.body).toMatchObject({ data: null, errors: [{ extensions: { code: 'RESPONSE_TOO_LARGE' } }] });
      expect(answer.body.errors?.[0]?.message).toContain('2000');
      expect(answer.bytes).toBeLessThan(2000);
    } finally {
      await small.close();
    }
  });

  it('stops reading when the request has used its database time budget', async () => {
    const small = await buildTestApp({ GRAPHQL_DB_BUDGET_MS: '1' });
    try {
      // path reads twice (the two ends, then the path): the second read finds the budget spent.
      const answer = await ask(
        'query P($from: ID!, $to: ID!) { path(from: $from, to: $to, maxLength: 3) { id } }',
        { from: ISLAND[1], to: ISLAND[0] },
        small,
      );
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('TIME_BUDGET_EXCEEDED');
      expect(answer.body.errors?.[0]?.message).toContain('GRAPHQL_DB_BUDGET_MS');
    } finally {
      await small.close();
    }
  });

  it('charges the rate limit by cost, per subject', async () => {
    const small = await buildTestApp({ RATE_LIMIT_COST: '100' });
    try {
      // Priced at 40 (Query.kinds' bound): two fit in a budget of 100 a minute, a third does not.
      const page = '{ kinds { name } }';
      expect((await ask(page, {}, small)).body.errors).toBeUndefined();
      expect((await ask(page, {}, small)).body.errors).toBeUndefined();
      const third = await ask(page, {}, small);
      expect(third.status).toBe(429);
      expect(third.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(third.body.errors?.[0]?.message).toMatch(/RATE_LIMIT_COST/);
      expect(third.ranCypher).toBe(false);
      // Another subject has its own budget.
      const other = await small.inject({
        method: 'POST',
        url: '/graphql',
        headers: authHeaders({ role: 'viewer', subject: 'someone-else' }),
        payload: { query: page },
      });
      expect(other.json().errors).toBeUndefined();
    } finally {
      await small.close();
    }
  });
});

describe('limit messages (#14 item 9)', () => {
  it.each([
    ['aliases', `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: kinds { name }`).join(' ')} }`, 'TOO_MANY_ALIASES', '20'],
    ['depth', `{ organization(name: "历城区委") { ${nest('parent', 20)} } }`, 'QUERY_TOO_DEEP', '15'],
    ['directives', `{ kinds ${'@include(if: true) '.repeat(40)} { name } }`, 'TOO_MANY_DIRECTIVES', '20'],
    ['tokens', `{ kinds { ${'name '.repeat(3000)} } }`, 'TOO_MANY_TOKENS', '2000'],
  ])('refuses too many %s saying which limit, its value and how to fix, not "Syntax Error"', async (_name, query, code, limit) => {
    const answer = await ask(query);
    expect(answer.body.data ?? null).toBeNull();
    const [error] = answer.body.errors ?? [];
    expect(error?.extensions?.code).toBe(code);
    expect(error?.message).not.toMatch(/Syntax Error/i);
    expect(error?.message).toContain(limit);
    expect(answer.ranCypher).toBe(false);
  });

  it('names no fields in production ("Did you mean" is left out when introspection is off)', async () => {
    const production = await buildTestApp({ NODE_ENV: 'production' });
    try {
      const answer = await ask('{ organizatio(id: "x") { id } }', {}, production);
      expect(answer.body.errors?.[0]?.message).toMatch(/organizatio/);
      expect(answer.body.errors?.[0]?.message).not.toMatch(/Did you mean|organizations/);
      const development = await ask('{ organizatio(id: "x") { id } }');
      expect(development.body.errors?.[0]?.message).toMatch(/Did you mean/);
    } finally {
      await production.close();
    }
  });
});
