/**
 * The folders are layers (ARCHITECTURE.md): a file imports from its own folder or one below, never
 * above. schema/ is the model every layer shares; graph/ is the one door to Neo4j; db/ starts a Neo4j;
 * data/ loads, seeds and exchanges; server/ answers requests; bench/ measures all of them. The viewer
 * (web/) talks to the server over HTTP and may share only the model.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LAYERS = ['schema', 'graph', 'db', 'data', 'server', 'bench'] as const;
const SKIP = new Set(['node_modules', 'dist', 'build', 'target', 'generated']);

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : sources(path);
    return /\.(ts|mts|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every relative module a file names: static imports and exports, `import type`, and import(). */
function importsOf(text: string): string[] {
  const found = text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm);
  return [...found].map((m) => m[1] as string);
}

/** The top folder a relative import from `file` lands in. */
const folderOf = (file: string, spec: string) => normalize(join(dirname(file), spec)).split(/[\\/]/)[0] as string;

function edges() {
  const all: { from: string; to: string; file: string; spec: string }[] = [];
  for (const layer of [...LAYERS, 'web']) {
    for (const file of sources(layer)) {
      for (const spec of importsOf(readFileSync(join(ROOT, file), 'utf8'))) {
        all.push({ from: layer, to: folderOf(file, spec), file: relative('.', file), spec });
      }
    }
  }
  return all;
}

describe('the folder layers', () => {
  const all = edges();

  it('reads the imports of every layer (the test looks at real files)', () => {
    for (const layer of ['graph', 'db', 'data', 'server']) expect(all.filter((e) => e.from === layer).length).toBeGreaterThan(5);
    expect(all.some((e) => e.from === 'server' && e.to === 'graph')).toBe(true);
  });

  it('has no import that points up a layer', () => {
    const rank = (folder: string) => LAYERS.indexOf(folder as (typeof LAYERS)[number]);
    const upward = all.filter((e) => rank(e.to) > rank(e.from) && rank(e.from) >= 0);
    expect(upward.map((e) => `${e.file} -> ${e.spec}`)).toEqual([]);
  });

  it('keeps the viewer apart: web/ shares only the model (schema/) with the Node code', () => {
    const crossing = all.filter((e) => e.from === 'web' && e.to !== 'web' && e.to !== 'schema');
    expect(crossing.map((e) => `${e.file} -> ${e.spec}`)).toEqual([]);
  });

  it('finds an upward import when there is one (the check itself works)', () => {
    const spec = importsOf("import type { Config } from '../server/config.ts';\nconst m = await import('../bench/x.ts');");
    expect(spec).toEqual(['../server/config.ts', '../bench/x.ts']);
    expect(folderOf('graph/graph-store.ts', spec[0] as string)).toBe('server');
  });
});

/**
 * graph/ is the one door to Neo4j (issue 15): the loaders, the seed, import, export and backup run
 * named queries through GraphStore and never open a driver session or transaction of their own.
 */
const DRIVER_CALLS = /\.session\(|\bexecuteQuery\(|\bexecuteRead\(|\bexecuteWrite\(/g;

function driverCallsIn(folder: string): string[] {
  return sources(folder).flatMap((file) =>
    readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .flatMap((line, i) => (line.match(DRIVER_CALLS) ? [`${relative('.', file)}:${i + 1}`] : [])),
  );
}

describe('the one door to Neo4j', () => {
  it('no file under data/ calls driver.session, executeQuery, executeRead or executeWrite (only graph/ does)', () => {
    expect(driverCallsIn('data')).toEqual([]);
  });

  it('finds a driver call when there is one (the check itself works)', () => {
    expect(driverCallsIn('graph').length).toBeGreaterThan(0);
    expect('const s = driver.session({ database });'.match(DRIVER_CALLS)).toHaveLength(1);
    expect("await driver.executeQuery('RETURN 1')".match(DRIVER_CALLS)).toHaveLength(1);
  });
});
