/**
 * Writes the contracts generated from the sources of truth, so types cannot drift from them:
 *
 * - graph/query-names.generated.ts from cypher/**\/*.cypher (the typed query registry, query-registry.ts).
 *
 * `npm run generate:contracts` writes them; `--check` writes nothing and exits 1 naming every file that
 * is not what the generator would write (`npm run typecheck` runs it so).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CYPHER_DIR, readQueries } from '../graph/cypher-queries.ts';
import { queryContract, registrySource } from './query-registry.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** The generated files, path (from the repository root) → the text the generator writes. */
export function contracts(): Map<string, string> {
  const queries = readQueries(CYPHER_DIR);
  const registry = [...queries].map(([name, expanded]) =>
    queryContract(name, readFileSync(join(CYPHER_DIR, `${name}.cypher`), 'utf8'), expanded),
  );
  return new Map([['graph/query-names.generated.ts', registrySource(registry)]]);
}

/** The generated files whose text on disk differs from what the generator writes now. */
export function staleContracts(): string[] {
  return [...contracts()]
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
    const stale = staleContracts();
    if (stale.length > 0) {
      console.error(`Stale generated contracts (run npm run generate:contracts): ${stale.join(', ')}`);
      process.exit(1);
    }
  } else {
    for (const [path, text] of contracts()) writeFileSync(join(ROOT, path), text);
  }
}
