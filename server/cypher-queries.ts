/**
 * The named Cypher queries in cypher/, read once at start. Each query is a file
 * cypher/<area>/<verb-noun>.cypher and its name is "<area>/<verb-noun>". Asking for a name with no
 * file throws; tests/unit/cypher-queries.test.ts checks that every name the code uses has its file,
 * so a missing file fails the tests, not a user's request.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CYPHER_DIR = fileURLToPath(new URL('../cypher/', import.meta.url));

export type QueryName = string;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : entry.name.endsWith('.cypher') ? [path] : [];
  });
}

let cached: ReadonlyMap<QueryName, string> | undefined;

/** All named queries, read from disk once. */
export function loadQueries(): ReadonlyMap<QueryName, string> {
  cached ??= new Map(walk(CYPHER_DIR).map((path) => [relative(CYPHER_DIR, path).replace(/\.cypher$/, ''), readFileSync(path, 'utf8')]));
  return cached;
}

/** The text of one named query; throws, naming the file it expected, when there is none. */
export function cypher(name: QueryName): string {
  const text = loadQueries().get(name);
  if (text === undefined) throw new Error(`no named query ${name} (expected ${CYPHER_DIR}${name}.cypher)`);
  return text;
}
