/**
 * The query tier, part two (no database, like neo4j/graphql's tck): the Cypher and parameters the
 * compiled read path (server/compiled/) builds for each example in examples/*.graphql, one snapshot
 * file per root field it compiles (tests/query/__snapshots__/compiled/<example>.<field>.cypher). The
 * schema is wired exactly as the server wires it (installCompiledReads with the server's loaders);
 * the store only records the query it is handed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { FieldNode, GraphQLResolveInfo, OperationDefinitionNode } from 'graphql';
import type { MercuriusContext } from 'mercurius';
import { describe, expect, it } from 'vitest';
import { projectDir } from '../../graph/project-root.ts';
import { installCompiledReads } from '../../server/compiled/read-path.ts';
import { loaders } from '../../server/graphql.ts';
import { graphql } from '../../server/graphql-cjs.ts';
import { loadSdl } from '../../server/graphql-schema.ts';

const EXAMPLES = projectDir('examples');
const examples = readdirSync(EXAMPLES)
  .filter((file) => file.endsWith('.graphql'))
  .sort();

const schema = graphql.buildSchema(loadSdl());
installCompiledReads(schema, true, loaders);

/** Runs each root field's resolver with a store that records compiled reads; returns them by field. */
async function compiledReads(document: string) {
  const ast = graphql.parse(document);
  const operation = ast.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  const fragments = Object.fromEntries(ast.definitions.flatMap((d) => (d.kind === 'FragmentDefinition' ? [[d.name.value, d]] : [])));
  const query = schema.getQueryType()!;
  const reads: { field: string; text: string; params: Record<string, unknown> }[] = [];
  for (const node of operation.selectionSet.selections as FieldNode[]) {
    const field = query.getFields()[node.name.value]!;
    let asked: { text: string; params: Record<string, unknown> } | undefined;
    const store = {
      readCompiled: async (q: { text: string; params: Record<string, unknown> }) => {
        asked = q;
        return [];
      },
    };
    const context = { app: { store } } as unknown as MercuriusContext;
    const info = { schema, fieldNodes: [node], fragments, variableValues: {} } as unknown as GraphQLResolveInfo;
    const args = graphql.getArgumentValues(field, node, {});
    // A field the compiler does not answer keeps its own resolver (here, none: the schema has no
    // resolvers), so only the compiled roots reach the store.
    await field.resolve?.(undefined, args, context, info);
    if (asked) reads.push({ field: node.alias?.value ?? node.name.value, ...asked });
  }
  return reads;
}

describe('the compiled Cypher of each example', () => {
  it('compiles the examples that ask for an organization, a place or an entity', async () => {
    const compiled = new Map<string, string[]>();
    for (const file of examples) {
      compiled.set(
        file,
        (await compiledReads(readFileSync(EXAMPLES + file, 'utf8'))).map((r) => r.field),
      );
    }
    expect(examples.length).toBeGreaterThanOrEqual(10);
    expect(compiled.get('02-joint-committee-villages.graphql')).toEqual(['organization']);
    expect(compiled.get('05-building-committee.graphql')).toEqual(['place']);
    expect(compiled.get('01-search.graphql')).toEqual([]);
  });

  it.each(examples)('%s', async (file) => {
    for (const read of await compiledReads(readFileSync(EXAMPLES + file, 'utf8'))) {
      const snapshot = `// params: ${JSON.stringify(read.params)}\n${read.text}\n`;
      await expect(snapshot).toMatchFileSnapshot(`__snapshots__/compiled/${file.replace(/\.graphql$/, '')}.${read.field}.cypher`);
    }
  });
});
