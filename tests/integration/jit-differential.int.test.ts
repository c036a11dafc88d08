/**
 * graphql-jit (GRAPHQL_JIT: Mercurius compiles a document once it has run that many times) answers as
 * graphql-js does: every example in examples/ and a set of selections (fragments, aliases, variables,
 * directives, an unknown name's error) asked of an app with GRAPHQL_JIT=1 three times (the first run by
 * graphql-js, the second compiles, the third runs the compiled query) and of one without, compared
 * deep-equal, data and errors. The guards hold on compiled documents too: the cost rule, the field
 * policies (a mutation a viewer may not make, an actor hidden from a role without readHistory).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { As, TestApp } from '../helpers/app.ts';

/**
 * Counts graphql-jit's compilations, so the test knows the compiled query ran (a switch silently off
 * would compare graphql-js with itself). Mercurius takes compileQuery from graphql-jit when it is first
 * loaded, so the count is put in place before the app (and Mercurius with it) is imported below.
 */
const compiledDocuments: unknown[] = [];
{
  const require = createRequire(createRequire(import.meta.url).resolve('mercurius'));
  const path = require.resolve('graphql-jit');
  require(path);
  const cached = require.cache[path]!;
  const original = cached.exports as { compileQuery: (...args: unknown[]) => unknown };
  cached.exports = {
    ...original,
    compileQuery: (...args: unknown[]) => {
      compiledDocuments.push(args[1]);
      return original.compileQuery(...args);
    },
  };
}
const { buildTestApp, gql } = await import('../helpers/app.ts');

let jit: TestApp;
let plain: TestApp;

beforeAll(async () => {
  jit = await buildTestApp({ GRAPHQL_JIT: '1' });
  plain = await buildTestApp({ GRAPHQL_JIT: '0' });
});
afterAll(async () => {
  await jit?.close();
  await plain?.close();
});

/**
 * Asks the jit app three times (graphql-js, then compiled: Mercurius compiles on the run after the
 * GRAPHQL_JIT-th) and the plain one once; all four answers the same, and the document was compiled.
 */
async function same(query: string, variables: Record<string, unknown> = {}, as?: As, compiled = 1) {
  const expected = await gql(plain, query, variables, as);
  const before = compiledDocuments.length;
  for (let run = 1; run <= 3; run += 1) expect(await gql(jit, query, variables, as), `run ${run}`).toEqual(expected);
  expect(compiledDocuments.length - before, 'documents graphql-jit compiled').toBe(compiled);
  return expected;
}

const files = readdirSync('examples')
  .filter((f) => f.endsWith('.graphql'))
  .sort();

describe('graphql-jit answers as graphql-js does', () => {
  it.each(files)('examples/%s', async (file) => {
    await same(readFileSync(`examples/${file}`, 'utf8'));
  });

  it('fragments, aliases, variables and both directives', async () => {
    const answer = await same(
      `query Q($deep: Boolean!, $flat: Boolean!, $k: [String!]) {
        organization(name: "历城区委") {
          ...Head
          a: children(first: 3) { totalCount nodes { ...Head ... on Organization { covers(kinds: $k) { totalCount nodes { id name } } } } }
          b: children(first: 2) @include(if: $deep) { edges { cursor relationship node { id } } pageInfo { hasNextPage endCursor } }
          c: children(first: 2) @skip(if: $flat) { nodes { id } }
        }
      }
      fragment Head on Entity { __typename id name kind synthetic sources { document quote } }`,
      { deep: true, flat: false, k: ['Village', 'Community'] },
    );
    expect(answer.errors).toBeUndefined();
  });

  it("an unknown name's error, with its path and code", async () => {
    const answer = await same('{ organization(name: "没有这个组织") { id name } }');
    expect(answer.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('the guards hold on a compiled document', () => {
  it('the cost rule refuses it every time', async () => {
    let selection = 'id name';
    for (let i = 0; i < 3; i += 1) selection = `id children(first: 500) { nodes { ... on Organization { ${selection} } } }`;
    // Refused by the preExecution hook, before Mercurius would compile it: never compiled.
    const answer = await same(`{ organization(name: "历城区委") { ${selection} } }`, {}, undefined, 0);
    expect(answer.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('a mutation a viewer may not make is refused every time', async () => {
    const answer = await same('mutation { updatePlace(id: "x", input: { name: "y" }) { id } }', {}, { role: 'viewer' });
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("the change log's actors stay hidden from a role without readHistory", async () => {
    const query = '{ changes(first: 3) { nodes { actor } } }';
    const viewer = await same(query, {}, { role: 'viewer' });
    const nodes = (viewer.data as { changes: { nodes: { actor: string | null }[] } }).changes.nodes;
    expect(nodes.every((n) => n.actor === null)).toBe(true);
  });
});
