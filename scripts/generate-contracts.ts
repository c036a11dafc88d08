/**
 * Writes the contracts generated from the sources of truth, so types cannot drift from them:
 *
 * - graph/query-names.generated.ts from cypher/**\/*.cypher (the typed query registry, query-registry.ts);
 * - schema/kinds.generated.graphql from schema/model.ts (the Kind and RelationshipType enums, kinds-sdl.ts);
 * - server/generated/graphql.ts from the SDL (resolver types, GraphQL Code Generator with codegen.ts);
 * - web/src/generated/graphql.ts from the SDL and the viewer's documents (web/src/documents/*.graphql):
 *   each document's result and variable types and its text as a TypedDocumentString.
 *
 * `npm run generate:contracts` writes them; `npm install` (prepare), `npm run typecheck` and `npm run build`
 * run it first, so they are never stale where they are used. The two code generator outputs (server/generated,
 * web/src/generated) are not kept in git: they are large, repeat the SDL and the documents by design, and
 * nobody edits them. The other two stay in git because the image copies schema/ from the sources and the
 * registry is short enough to review. `--check` writes nothing and exits 1 naming every file that is not
 * what the generator would write.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { codegenConfig } from '../codegen.ts';
import { CYPHER_DIR, readQueries } from '../graph/cypher-queries.ts';
import { kindsSdl } from './kinds-sdl.ts';
import { queryContract, registrySource } from './query-registry.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

const KINDS_SDL = 'schema/kinds.generated.graphql';
/** The viewer's GraphQL documents (their types: web/src/generated/graphql.ts). */
const VIEWER_DOCUMENTS = 'web/src/documents';

/** The typed query registry, path → text. */
export function queryContracts(): Map<string, string> {
  const queries = readQueries(CYPHER_DIR);
  const registry = [...queries].map(([name, expanded]) =>
    queryContract(name, readFileSync(join(CYPHER_DIR, `${name}.cypher`), 'utf8'), expanded),
  );
  return new Map([['graph/query-names.generated.ts', registrySource(registry)]]);
}

/** The SDL the server loads (server/graphql-schema.ts: every schema/*.graphql in name order), with the enums as generated now. */
function schemaSdl(kinds: string): string {
  const dir = join(ROOT, 'schema/');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => (`schema/${name}` === KINDS_SDL ? kinds : readFileSync(join(dir, name), 'utf8')))
    .join('\n');
}

/** The generated GraphQL contracts, path → text: the enums and the code GraphQL Code Generator writes from the schema. */
export async function graphqlContracts(): Promise<Map<string, string>> {
  const kinds = kindsSdl();
  const documents = readdirSync(join(ROOT, VIEWER_DOCUMENTS))
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => join(ROOT, VIEWER_DOCUMENTS, name));
  const outputs: { filename: string; content: string }[] = await generate(codegenConfig(schemaSdl(kinds), documents), false);
  return new Map([[KINDS_SDL, kinds], ...outputs.map((o): [string, string] => [relative(ROOT, join(ROOT, o.filename)), o.content])]);
}

/** Every generated file, path (from the repository root) → the text the generator writes. */
export async function contracts(): Promise<Map<string, string>> {
  return new Map([...queryContracts(), ...(await graphqlContracts())]);
}

/** The generated files (of `generated`) whose text on disk differs from what the generator writes now. */
export function staleFiles(generated: Map<string, string>): string[] {
  return [...generated]
    .filter(([path, text]) => {
      try {
        return readFileSync(join(ROOT, path), 'utf8') !== text;
      } catch {
        return true;
      }
    })
    .map(([path]) => path);
}

if (process.argv[1] && relative(process.argv[1], fileURLToPath(import.meta.url)) === '') {
  if (process.argv.includes('--check')) {
    const stale = staleFiles(await contracts());
    if (stale.length > 0) {
      console.error(`Stale generated contracts (run npm run generate:contracts): ${stale.join(', ')}`);
      process.exit(1);
    }
  } else {
    for (const [path, text] of await contracts()) {
      mkdirSync(dirname(join(ROOT, path)), { recursive: true });
      writeFileSync(join(ROOT, path), text);
    }
  }
}
