/** Every named query the code asks for has its file, and every query file takes parameters only. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cypher, loadQueries } from '../../graph/cypher-queries.ts';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('named Cypher queries', () => {
  it('has a file for every name used in server/, data/ and bench/', () => {
    const used = new Set<string>();
    for (const file of ['server', 'graph', 'db', 'data', 'bench'].flatMap(sources)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\.(?:read|run|readOne)(?:<[^>]*>)?\(\s*'([a-z-]+\/[a-z0-9-]+)'/g)) used.add(m[1]!);
      for (const m of text.matchAll(/cypher\('([a-z-]+\/[a-z0-9-]+)'\)/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(0);
    for (const name of used) expect(() => cypher(name), name).not.toThrow();
  });

  it('throws a clear error for a name with no file', () => {
    expect(() => cypher('nothing/here')).toThrow(/no named query nothing\/here/);
  });

  it('starts every query with a comment saying what it answers', () => {
    for (const [name, text] of loadQueries()) expect(text.trimStart().startsWith('//'), name).toBe(true);
  });
});
