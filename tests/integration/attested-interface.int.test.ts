/**
 * The SDL interfaces 528042a added for the viewer's fragments (Attested: basis, basisNote, sources;
 * EntityNodeData: a Cytoscape node's entity fields) answer through a fragment on the interface exactly
 * what the same fields answer asked directly, on the compiled read path and the loaders alike, and
 * introspection names them with every type that implements them and nothing more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, gql, type TestApp } from '../helpers/app.ts';

let compiled: TestApp;
let loaders: TestApp;

beforeAll(async () => {
  compiled = await buildTestApp({ COMPILED_READS: 'true' });
  loaders = await buildTestApp({ COMPILED_READS: 'false' });
});
afterAll(async () => {
  await compiled?.close();
  await loaders?.close();
});

const PROVENANCE = 'basis basisNote sources { document quote }';

/** The same question asked with the provenance fields direct and through `... on Attested`. */
const PAIRS: [string, (fields: string) => string][] = [
  [
    'an organization, its children and their links',
    (f) =>
      `{ organization(name: "历城区委") { id ${f} children(first: 5) { nodes { id ${f} } edges { node { id } ${f} } } parentLink { node { id } ${f} } } }`,
  ],
  [
    'a place and its pairings',
    (f) => `{ place(name: "港沟街道") { id ${f} children(first: 20) { nodes { id ${f} ... on Place { pairings { id ${f} } } } } } }`,
  ],
  ['a list of entities (abstract) and their edges', (f) => `{ organizations(first: 5) { nodes { id ${f} } edges { node { id } ${f} } } }`],
];

describe('Attested answers what its fields answer', () => {
  it.each(PAIRS)('%s', async (_name, ask) => {
    const direct = ask(PROVENANCE);
    const viaInterface = ask(`... on Attested { ${PROVENANCE} }`);
    const viaFragment = `${ask('...P')} fragment P on Attested { ${PROVENANCE} }`;
    const reference = await gql(loaders, direct);
    expect(JSON.stringify(reference)).toContain('"sources"');
    for (const app of [compiled, loaders]) {
      for (const query of [direct, viaInterface, viaFragment]) expect(await gql(app, query), query).toEqual(reference);
    }
  });
});

describe('introspection', () => {
  it('names the interfaces, their fields and the types implementing them', async () => {
    const { data, errors } = await gql<{
      attested: { fields: { name: string }[]; possibleTypes: { name: string; fields: { name: string }[] }[] };
      nodeData: { fields: { name: string }[]; possibleTypes: { name: string }[] };
    }>(
      loaders,
      `{ attested: __type(name: "Attested") { fields { name } possibleTypes { name fields { name } } }
         nodeData: __type(name: "EntityNodeData") { fields { name } possibleTypes { name } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.attested.fields.map((f) => f.name).sort()).toEqual(['basis', 'basisNote', 'sources']);
    const attested = data!.attested.possibleTypes.map((t) => t.name);
    for (const type of ['Organization', 'Place', 'Unit', 'Person', 'EntityEdge']) expect(attested).toContain(type);
    for (const type of data!.attested.possibleTypes) {
      expect(
        type.fields.map((f) => f.name),
        type.name,
      ).toEqual(expect.arrayContaining(['basis', 'basisNote', 'sources']));
    }
    expect(data!.nodeData.fields.map((f) => f.name).sort()).toEqual(['category', 'id', 'kind', 'label', 'synthetic']);
    expect(data!.nodeData.possibleTypes.map((t) => t.name).sort()).toEqual(['GraphNodeData', 'OverviewNodeData']);
  });

  it('the whole schema introspects (the query GraphiQL and codegen send)', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const { data, errors } = await gql<{ __schema: { types: { name: string }[] } }>(loaders, getIntrospectionQuery());
    expect(errors).toBeUndefined();
    expect(data!.__schema.types.map((t) => t.name)).toEqual(expect.arrayContaining(['Attested', 'EntityNodeData']));
  });
});
