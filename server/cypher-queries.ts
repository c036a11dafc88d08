/**
 * The named Cypher queries in cypher/, read once at start. Each query is a file
 * cypher/<area>/<verb-noun>.cypher; its name here is "<area>/<verb-noun>". A listed query whose file
 * is missing stops the start instead of failing the first request that needs it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CYPHER_DIR = fileURLToPath(new URL('../cypher/', import.meta.url));

export const QUERY_NAMES = ['load/merge-nodes', 'load/merge-relationships', 'load/merge-claims', 'graph/count-summary'] as const;

export type QueryName = (typeof QUERY_NAMES)[number];
export type Queries = Readonly<Record<QueryName, string>>;

let cached: Queries | undefined;

export function loadQueries(): Queries {
  if (cached) return cached;
  const entries = QUERY_NAMES.map((name) => {
    const path = `${CYPHER_DIR}${name}.cypher`;
    try {
      return [name, readFileSync(path, 'utf8')] as const;
    } catch {
      throw new Error(`the named query ${name} has no file ${path}`);
    }
  });
  cached = Object.freeze(Object.fromEntries(entries) as Record<QueryName, string>);
  return cached;
}
