/**
 * The query tier, part one (no database): the text of every named query after `@use` expansion, one
 * snapshot file per query (tests/query/__snapshots__/expanded/<area>/<name>.cypher), so a change to a
 * fragment shows up in review as the Cypher of every query it reaches.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadQueries } from '../../graph/cypher-queries.ts';

const names = [...loadQueries().keys()].sort();

describe('every named query, expanded', () => {
  it('reads them all, and keeps no snapshot of a query that is gone', () => {
    expect(names.length).toBeGreaterThan(100);
    const dir = fileURLToPath(new URL('__snapshots__/expanded/', import.meta.url));
    const snapshots = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.cypher'))
      .map((file) => file.replace(/\.cypher$/, '').replaceAll('\\', '/'))
      .sort();
    expect(snapshots.filter((name) => !names.includes(name as (typeof names)[number]))).toEqual([]);
  });

  it.each(names)('%s', async (name) => {
    await expect(loadQueries().get(name)).toMatchFileSnapshot(`__snapshots__/expanded/${name}.cypher`);
  });
});
