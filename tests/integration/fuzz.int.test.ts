/**
 * Fuzzing and injection against the real app and Neo4j. Thousands of malformed and schema-generated
 * requests (random bodies, wrong types, huge strings, deep nesting, random arguments to every field)
 * must give 0 HTTP 5xx, 0 crashes and 0 leaked internals; Cypher-looking payloads in every string
 * argument must leave the graph's content hash unchanged, and names written by mutations are stored
 * exactly as sent. Figures are printed for the closing note. Random choices come from a seeded
 * generator, so a failure reproduces.
 */
import type { GraphQLArgument, GraphQLField, GraphQLInputType, GraphQLNamedType, GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../server/graphql-cjs.ts';
import { createAccount, removeAccounts, sessionHeaders, signInAs } from '../helpers/accounts.ts';
import { authHeaders } from '../helpers/app.ts';
import { withFixtureApp } from '../helpers/fixture.ts';
import { graphHash } from '../helpers/graph-hash.ts';

const P = 'tfz';
// Thousands of requests from one subject: lift the per-minute limit, which security.int.test.ts checks.
const fixture = withFixtureApp(P, { RATE_LIMIT_MAX: '1000000' });
const { id, driver, database } = fixture;

/** mulberry32: small, seeded, good enough to pick cases. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick };
}
const rnd = random(20261123);

/**
 * What a response must never show: driver or database internals (Neo.* codes, Cypher's own syntax
 * errors, which would mean a payload reached Cypher as code), stacks, file paths. Echoing the caller's
 * own input back in a message ("nothing found for \"MATCH …\"") is not a leak.
 */
const LEAK =
  /Neo\.(Client|Transient|Database)Error|neo4j-driver|Neo4jError|Invalid input '|\bat [\w.<>]+ \(|\/work\/|node_modules|\.ts:\d+/;
/Neo\.(Client|Transient|Database)Error|neo4j-driver|Neo4jError|\bat [\w.<>]+ \(|\/work\/|node_modules|\.ts:\d+|Cypher|MATCH \(/;

interface Tally {
  requests: number;
  status: Record<string, number>;
  serverErrors: string[];
  leaks: string[];
}
const tally: Tally = { requests: 0, status: {}, serverErrors: [], leaks: [] };

interface FuzzRequest {
  method?: 'GET' | 'POST' | 'DELETE';
  url?: string;
  headers?: Record<string, string>;
  payload?: unknown;
  /** How the caller signs in: a bearer token (the default) or a session's cookie headers. */
  signIn?: Record<string, string>;
}

async function send(request: FuzzRequest) {
  const response = await fixture.app.inject({
    method: request.method ?? 'POST',
    url: request.url ?? '/graphql',
    headers: { ...(request.signIn ?? authHeaders()), ...request.headers },
    payload: request.payload as string,
  });
  tally.requests += 1;
  const status = String(response.statusCode);
  tally.status[status] = (tally.status[status] ?? 0) + 1;
  const shown = typeof request.payload === 'string' ? request.payload : JSON.stringify(request.payload);
  const sample = `${status} ${shown?.slice(0, 160)} → ${response.body.slice(0, 200)}`;
  if (response.statusCode >= 500) tally.serverErrors.push(sample);
  if (LEAK.test(response.body)) tally.leaks.push(sample);
  return response;
}

const INJECTIONS = [
  "' OR 1=1 //",
  '"}) MATCH (n) DETACH DELETE n //',
  "x'}) DETACH DELETE n WITH 1 AS x MATCH (m) DETACH DELETE m //",
  '1 UNION MATCH (n) DETACH DELETE n RETURN 1',
  '`) CALL db.clearQueryCaches() //',
  '$ids',
  '{id: "x"}',
  "\\'; CREATE (:Entity {id: 'pwned'}) //",
  '历城区委"}) SET n.name = "pwned" //',
  '*/ MATCH (n) SET n.pwned = true /*',
  'CALL apoc.cypher.runWrite("MATCH (n) DETACH DELETE n", {})',
  '\u0000\u0001\u001f',
];

const NUL = String.fromCharCode(0);
const STRINGS = ['', ' ', 'x'.repeat(100_000), '😀'.repeat(500), '\u202e\u0000', '历城区', ...INJECTIONS];
const wrongValues = () => [
  rnd.int(1e9) - 5e8,
  rnd.next(),
  true,
  null,
  [],
  {},
  ['a', 1],
  { nested: { deeper: [1, 2] } },
  'x'.repeat(rnd.int(5000)),
];

function randomJson(depth = 0): unknown {
  const kind = rnd.int(depth > 4 ? 4 : 7);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return rnd.int(2) === 0 ? rnd.int(1e6) - 5e5 : rnd.next() * 1e308;
    case 2:
      return rnd.pick(STRINGS);
    case 3:
      return rnd.int(2) === 0;
    case 4:
      return Array.from({ length: rnd.int(4) }, () => randomJson(depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: rnd.int(4) }, () => [
          rnd.pick(['query', 'variables', 'operationName', 'extensions', 'x']),
          randomJson(depth + 1),
        ]),
      );
  }
}

/** A value for an argument: mostly right-typed (ids from the fixture, dates, enums), sometimes wrong. */
function valueFor(type: GraphQLInputType, depth = 0): unknown {
  if (graphql.isNonNullType(type)) return valueFor(type.ofType, depth);
  if (graphql.isListType(type)) return Array.from({ length: rnd.int(3) }, () => valueFor(type.ofType, depth + 1));
  if (rnd.int(5) === 0) return rnd.pick(wrongValues());
  const named = type as GraphQLNamedType;
  if (graphql.isEnumType(named)) return rnd.pick(named.getValues()).name;
  if (graphql.isInputObjectType(named)) {
    if (depth > 3) return null;
    return Object.fromEntries(Object.values(named.getFields()).map((f) => [f.name, valueFor(f.type, depth + 1)]));
  }
  switch (named.name) {
    case 'Int':
      return rnd.pick([0, 1, 5, -1, 500, 501, 2 ** 31 - 1, rnd.int(100)]);
    case 'Float':
      return rnd.next() * 100;
    case 'Boolean':
      return rnd.int(2) === 0;
    default:
      return rnd.pick([
        id(rnd.pick(['dc', 'sw1', 'jc', 'v1', 'sub1', 'district', 'e1', 'p1', 'chain', 'bldg'])),
        rnd.pick(['2024-01-01', '2024-13-45', 'yesterday', '2025-06-30T00:00:00Z']),
        rnd.pick(STRINGS),
      ]);
  }
}

/** A selection of a type's leaf fields (and one level of objects below). */
function selectionOf(type: GraphQLNamedType, depth = 0): string {
  if (graphql.isLeafType(type)) return '';
  if (graphql.isUnionType(type) || graphql.isInterfaceType(type)) return '{ __typename }';
  if (!graphql.isObjectType(type)) return '';
  const fields = Object.values(type.getFields()).filter((f) => f.args.every((a) => !graphql.isNonNullType(a.type)));
  const leaves = fields.filter((f) => graphql.isLeafType(graphql.getNamedType(f.type))).slice(0, 6);
  const objects = depth < 1 ? fields.filter((f) => !graphql.isLeafType(graphql.getNamedType(f.type))).slice(0, 2) : [];
  const parts = [...leaves.map((f) => f.name), ...objects.map((f) => `${f.name} ${selectionOf(graphql.getNamedType(f.type), depth + 1)}`)];
  return `{ __typename ${parts.join(' ')} }`;
}

function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, values: (arg: GraphQLArgument) => unknown) {
  const args = field.args.filter((a) => graphql.isNonNullType(a.type) || rnd.int(2) === 0);
  const declared = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const query = `${kind}${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''} ${selectionOf(graphql.getNamedType(field.type))} }`;
  return { query, variables: Object.fromEntries(args.map((a) => [a.name, values(a)])) };
}

const schemaOf = () => fixture.app.graphql.schema as unknown as GraphQLSchema;
const rootFields = (kind: 'query' | 'mutation') => {
  const root = kind === 'query' ? schemaOf().getQueryType() : schemaOf().getMutationType();
  return Object.values(root?.getFields() ?? {});
};

/** Every string-typed argument path of a field, with a way to put a payload there. */
function stringArguments(field: GraphQLField<unknown, unknown>) {
  const paths: { name: string; build: (payload: string) => Record<string, unknown> }[] = [];
  const base = () => Object.fromEntries(field.args.filter((a) => graphql.isNonNullType(a.type)).map((a) => [a.name, valueFor(a.type)]));
  for (const arg of field.args) {
    const named = graphql.getNamedType(arg.type);
    if (graphql.isScalarType(named) && (named.name === 'String' || named.name === 'ID')) {
      const list = graphql.isListType(graphql.isNonNullType(arg.type) ? arg.type.ofType : arg.type);
      paths.push({ name: arg.name, build: (payload) => ({ ...base(), [arg.name]: list ? [payload] : payload }) });
    } else if (graphql.isInputObjectType(named)) {
      for (const inner of Object.values(named.getFields())) {
        const innerNamed = graphql.getNamedType(inner.type);
        if (!graphql.isScalarType(innerNamed) || !['String', 'ID'].includes(innerNamed.name)) continue;
        paths.push({
          name: `${arg.name}.${inner.name}`,
          build: (payload) => {
            const values = base();
            const input = (values[arg.name] && typeof values[arg.name] === 'object' ? values[arg.name] : valueFor(arg.type)) as Record<
              string,
              unknown
            >;
            return { ...values, [arg.name]: { ...input, [inner.name]: payload } };
          },
        });
      }
    }
  }
  return paths;
}

describe('fuzzing', () => {
  it('answers thousands of malformed and schema-generated requests with no 5xx, no crash, no leak', async () => {
    // Malformed bodies: random JSON, broken JSON, wrong content types, deep nesting, huge documents.
    for (let i = 0; i < 600; i += 1) await send({ payload: randomJson() });
    for (let i = 0; i < 150; i += 1) {
      const text = JSON.stringify({ query: '{ kinds { name } }' });
      const cut = text.slice(0, rnd.int(text.length));
      await send({ headers: { 'content-type': 'application/json' }, payload: `${cut}${rnd.pick(['', '}', '{{', '\u0000', '"'])}` });
    }
    for (let i = 0; i < 100; i += 1) {
      await send({
        headers: { 'content-type': rnd.pick(['text/plain', 'application/xml', 'application/graphql', 'multipart/form-data']) },
        payload: 'query { kinds { name } }',
      });
    }
    for (const depth of [100, 1_000, 10_000]) {
      await send({
        payload: {
          query: `{ ${'organization(name: "x") { children { nodes { ... on Organization { '.repeat(depth)} id ${'} } } }'.repeat(depth)} }`,
        },
      });
      // Built as text: JSON.stringify itself would overflow the stack on the deepest one.
      await send({ payload: `{"query":"{ kinds { name } }","variables":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}` });
      await send({ payload: { query: `{ ${'{'.repeat(depth)} }` } });
    }
    for (let i = 0; i < 200; i += 1) {
      const tokens = [
        '{',
        '}',
        '(',
        ')',
        ':',
        '$x',
        '...',
        'on',
        'query',
        'mutation',
        'fragment',
        '@include',
        '"s"',
        '1',
        'kinds',
        'name',
        'entity',
        'id:',
      ];
      await send({ payload: { query: Array.from({ length: rnd.int(40) }, () => rnd.pick(tokens)).join(' ') } });
    }
    await send({
      method: 'GET',
      url: `/graphql?query=${encodeURIComponent('mutation { updatePlace(id: "x", input: {name: "y"}) { id } }')}`,
    });
    await send({ method: 'GET', url: '/graphql?query=%7B' });

    // Schema-generated: every root field, many times, with random arguments and selections.
    const queries = rootFields('query');
    const mutations = rootFields('mutation');
    for (let round = 0; round < 30; round += 1) {
      for (const field of queries) await send({ payload: operationFor('query', field, (a) => valueFor(a.type)) });
    }
    for (let round = 0; round < 25; round += 1) {
      for (const field of mutations) await send({ payload: operationFor('mutation', field, (a) => valueFor(a.type)) });
    }
    // Wrong variable types for every argument.
    for (const field of [...queries, ...mutations]) {
      for (const value of wrongValues()) {
        const kind = mutations.includes(field) ? 'mutation' : 'query';
        await send({ payload: operationFor(kind, field, () => value) });
      }
    }

    const health = await fixture.app.inject('/health');
    console.log(
      `[fuzz] requests: ${tally.requests}, by status: ${JSON.stringify(tally.status)}, 5xx: ${tally.serverErrors.length}, leaked internals: ${tally.leaks.length}, alive after: ${health.statusCode === 200}`,
    );
    expect(tally.requests).toBeGreaterThan(2000);
    expect(tally.serverErrors.slice(0, 5)).toEqual([]);
    expect(tally.leaks.slice(0, 5)).toEqual([]);
    expect(health.statusCode).toBe(200);
  });
});

describe('injection', () => {
  it('leaves the graph unchanged with Cypher-looking payloads in every string argument of every read and refused write', async () => {
    // A saved view is the caller's own record, stored as given (like clientMutationId): saveView with
    // its optional id left out and otherwise valid random input is a legitimate write, not graph content.
    const before = await graphHash(driver, database, '', ['SavedView']);
    let sent = 0;
    for (const kind of ['query', 'mutation'] as const) {
      for (const field of rootFields(kind)) {
        for (const path of stringArguments(field)) {
          // In mutations, the payload goes where an entity id is expected: refused, never written.
          // (clientMutationId is the caller's own opaque key, stored verbatim: a payload there with
          // otherwise valid random input is a legitimate write, not an injection.)
          if (kind === 'mutation' && (!/(^|\.)(id|\w+Id)$/.test(path.name) || /clientMutationId$/.test(path.name))) continue;
          for (const payload of INJECTIONS) {
            const variables = path.build(payload);
            await send({ payload: operationFor(kind, field, (a) => variables[a.name] ?? valueFor(a.type)) });
            sent += 1;
          }
        }
      }
    }
    const after = await graphHash(driver, database, '', ['SavedView']);
    console.log(`[injection] payloads sent: ${sent}, graph content hash unchanged: ${after === before}`);
    expect(sent).toBeGreaterThan(200);
    expect(after).toBe(before);
    expect(tally.serverErrors.slice(0, 5)).toEqual([]);
  });

  it('stores a Cypher-looking name exactly as sent and nothing else', async () => {
    const { records } = await driver.executeQuery('MATCH (n) RETURN count(n) AS n', {}, { database });
    const nodesBefore = Number(records[0]?.get('n'));
    for (const [i, payload] of INJECTIONS.entries()) {
      const response = await send({
        payload: {
          query: 'mutation($input: CreatePlaceInput!) { createPlace(input: $input) { id name } }',
          variables: { input: { id: id(`inj-${i}`), name: `${payload}村`.replaceAll(NUL, ''), kind: 'Village', parentId: id('sub1') } },
        },
      });
      const body = response.json();
      if (body.errors) {
        // Only the control characters may be refused, and then as bad input naming the field.
        expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
        continue;
      }
      expect(body.data.createPlace.name).toBe(`${payload}村`.replaceAll(NUL, ''));
    }
    const { records: stored } = await driver.executeQuery(
      'MATCH (n:Entity) WHERE n.id STARTS WITH $p RETURN n.id AS id, n.name AS name',
      { p: id('inj-') },
      { database },
    );
    const { records: after } = await driver.executeQuery('MATCH (n) RETURN count(n) AS n', {}, { database });
    // Each stored place adds itself and its change-log entry, nothing more.
    expect(Number(after[0]?.get('n')) - nodesBefore).toBe(stored.length * 2);
    expect(stored.length).toBeGreaterThanOrEqual(INJECTIONS.length - 1);
    const { records: pwned } = await driver.executeQuery(
      "MATCH (n) WHERE n.id = 'pwned' OR n.name = 'pwned' OR n.pwned IS NOT NULL RETURN count(n) AS n",
      {},
      { database },
    );
    expect(Number(pwned[0]?.get('n'))).toBe(0);
  });
});

describe('session-cookie callers', () => {
  // An administrator signed in by the viewer's session cookie: every mutation is its to try.
  const PASSWORD = 'quartz-meadow-lantern-52';
  beforeAll(async () => {
    await removeAccounts(driver, database);
    await createAccount(fixture.app, 'fz-admin', 'admin', PASSWORD);
  });
  const session = async () => {
    const signedIn = await signInAs(fixture.app, 'fz-admin', PASSWORD);
    expect(signedIn.status).toBe(200);
    return signedIn;
  };
  afterAll(() => removeAccounts(driver, database));

  it('with the CSRF token, answers schema-generated and malformed requests with no 5xx and no leak', async () => {
    const signIn = sessionHeaders(await session());
    const before = tally.requests;
    const errorsBefore = tally.serverErrors.length;
    const leaksBefore = tally.leaks.length;
    for (let i = 0; i < 100; i += 1) await send({ payload: randomJson(), signIn });
    for (let round = 0; round < 3; round += 1) {
      for (const field of rootFields('query')) await send({ payload: operationFor('query', field, (a) => valueFor(a.type)), signIn });
      for (const field of rootFields('mutation')) await send({ payload: operationFor('mutation', field, (a) => valueFor(a.type)), signIn });
    }
    // Still signed in by the cookie (the session answered as the administrator throughout).
    const me = await send({ payload: { query: '{ me { role } }' }, signIn });
    expect(me.json().data).toEqual({ me: { role: 'admin' } });
    console.log(`[fuzz, session cookie + CSRF] requests: ${tally.requests - before}, 5xx: ${tally.serverErrors.length - errorsBefore}`);
    expect(tally.requests - before).toBeGreaterThan(150);
    expect(tally.serverErrors.slice(errorsBefore, errorsBefore + 5)).toEqual([]);
    expect(tally.leaks.slice(leaksBefore, leaksBefore + 5)).toEqual([]);
  });

  it('without the CSRF token, refuses every state-changing request 403 and writes nothing', async () => {
    const signedIn = await session();
    const signIn = sessionHeaders(signedIn, false);
    // Sessions are left out of the hash: reading one may write its last-use time, which is no content.
    const before = await graphHash(driver, database, '', ['Session']);
    const statuses: Record<string, number> = {};
    const notRefused: string[] = [];
    const refused = async (request: FuzzRequest) => {
      const response = await send({ ...request, signIn });
      statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
      if (response.statusCode !== 403) notRefused.push(`${response.statusCode} ${response.body.slice(0, 200)}`);
    };
    for (const field of rootFields('mutation')) {
      await refused({ payload: operationFor('mutation', field, (a) => valueFor(a.type)) });
      await refused({ payload: operationFor('mutation', field, (a) => valueFor(a.type)), headers: { 'x-csrf-token': 'x'.repeat(43) } });
    }
    for (const field of rootFields('query').slice(0, 10)) await refused({ payload: operationFor('query', field, (a) => valueFor(a.type)) });
    for (let i = 0; i < 50; i += 1) await refused({ payload: randomJson() });
    await refused({ url: '/session/password', payload: { current: PASSWORD, next: 'pewter-orchard-sparrow-19' } });
    await refused({ method: 'DELETE', url: '/session' });
    const after = await graphHash(driver, database, '', ['Session']);
    console.log(
      `[fuzz, session cookie without CSRF] requests: ${Object.values(statuses).reduce((a, b) => a + b, 0)}, by status: ${JSON.stringify(statuses)}, graph content hash unchanged: ${after === before}`,
    );
    expect(notRefused.slice(0, 5)).toEqual([]);
    expect(after).toBe(before);
    // The session is still there and still its own: the refusals ended nothing, and the right token works.
    const me = await send({ payload: { query: '{ me { role } }' }, signIn: sessionHeaders(signedIn) });
    expect(me.json().data).toEqual({ me: { role: 'admin' } });
  });
});
