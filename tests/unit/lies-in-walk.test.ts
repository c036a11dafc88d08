/**
 * "The 街道 and the district an entity lies in" is one walk up the relationships that say "lies in / is
 * run from / reports to / serves in", written once in cypher/fragments/located-in.cypher and used by the
 * overview's grouping and the display names, the network lens and the exports. A move's list of names to
 * refresh (cypher/mutation/list-names-below.cypher) takes it backwards and must walk the same relationship
 * types, as deep: if a copy drifted, the overview would put an entity in one 街道 while a report says
 * another, or a move would leave qualifiers stale. This reads every query under cypher/ for such a walk,
 * so a new copy is found too. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Walk {
  file: string;
  types: string[];
  min: number;
  max: number;
  /** The label the walk ends at (Subdistrict, District), or null for the walk read backwards. */
  to: string | null;
}

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.cypher') ? [join(dir, e.name)] : [],
  );

/** Every quantified walk over a list of relationship types that includes PART_OF and LOCATED_IN. */
const walks: Walk[] = files('cypher').flatMap((path) => {
  const file = relative('cypher', path);
  const text = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('//'))
    .join('\n');
  // Written either way: `-[:A|B*0..8]->(s:Subdistrict)` or `-[:A|B]->{1,9}(o)`.
  return [...text.matchAll(/-\[:([A-Z_|]+)(?:\*(\d+)\.\.(\d+))?\]->(?:\{(\d+),(\d+)\})?\s*\((?:\w*)(?::(\w+))?/g)]
    .filter((m) => m[1]!.split('|').includes('PART_OF') && m[1]!.split('|').includes('LOCATED_IN'))
    .map((m) => ({
      file,
      types: m[1]!.split('|').sort(),
      min: Number(m[2] ?? m[4]),
      max: Number(m[3] ?? m[5]),
      to: m[6] ?? null,
    }));
});

const sortedUnion = (ws: Walk[]) => [...new Set(ws.flatMap((w) => w.types))].sort();

describe('the walk to the 街道 and district an entity lies in', () => {
  const toSubdistrict = walks.filter((w) => w.to === 'Subdistrict');
  const toDistrict = walks.filter((w) => w.to === 'District');
  const backwards = walks.filter((w) => w.file === 'mutation/list-names-below.cypher');

  it('is found where it is taken', () => {
    expect(toSubdistrict.length).toBeGreaterThan(0);
    expect(toDistrict.length).toBeGreaterThan(0);
    expect(backwards.length).toBe(1);
    // Nothing else walks these relationships to some other end (a copy this test would not recognise).
    expect(walks.filter((w) => w.to !== 'Subdistrict' && w.to !== 'District' && !backwards.includes(w))).toEqual([]);
  });

  it('is written once, in cypher/fragments/located-in.cypher, and used from there', () => {
    expect([...toSubdistrict, ...toDistrict].map((w) => w.file)).toEqual(['fragments/located-in.cypher', 'fragments/located-in.cypher']);
    for (const user of ['overview/group-nodes', 'network/subdistricts-of', 'export/locate-entities', 'export/list-unpaired']) {
      expect(readFileSync(`cypher/${user}.cypher`, 'utf8')).toMatch(/^\/\/ @use located-in\(\w+\) -> subdistrict, district$/m);
    }
  });

  it('walks the same relationships, as deep, wherever it is written', () => {
    for (const w of toSubdistrict)
      expect({ file: w.file, types: w.types, max: w.max }).toEqual({
        file: w.file,
        types: toSubdistrict[0]!.types,
        max: toSubdistrict[0]!.max,
      });
    for (const w of toDistrict)
      expect({ file: w.file, types: w.types, max: w.max }).toEqual({ file: w.file, types: toDistrict[0]!.types, max: toDistrict[0]!.max });
    // The district is one step further up than the 街道 (a 街道 is PART_OF its district), over the same
    // relationships and SUB_CHAIN_OF (an industry sub-chain reaches its district through its chain).
    expect(toDistrict[0]!.max).toBe(toSubdistrict[0]!.max + 1);
    expect(toDistrict[0]!.types).toEqual([...toSubdistrict[0]!.types, 'SUB_CHAIN_OF'].sort());
  });

  it('is what a move refreshes by, read backwards', () => {
    const [down] = backwards;
    expect(down!.types).toEqual(sortedUnion([...toSubdistrict, ...toDistrict]));
    expect(down!.max).toBe(Math.max(...[...toSubdistrict, ...toDistrict].map((w) => w.max)));
  });
});
