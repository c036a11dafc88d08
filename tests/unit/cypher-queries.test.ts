/**
 * The named Cypher queries: the typed registry generated from cypher/ is current (so a wrong name or
 * parameter is a compile error, checked by tsc on this file too), every query file takes parameters
 * only and says what it answers, and the queries and finding rules are read at start, so a missing or
 * cyclic `@use` or a bad rule header stops the process before it serves anything.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { cypher, type FindingQuery, loadQueries, type QueryName } from '../../graph/cypher-queries.ts';
import type { NamedQueries } from '../../graph/query-names.generated.ts';
import { queryContracts, staleFiles } from '../../scripts/generate-contracts.ts';
import { paramsUsed, queryContract } from '../../scripts/query-registry.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('the generated query registry', () => {
  it('is current: graph/query-names.generated.ts is what npm run generate:contracts writes', () => {
    const generated = queryContracts();
    expect([...generated.keys()]).toEqual(['graph/query-names.generated.ts']);
    expect(staleFiles(generated)).toEqual([]);
  });

  it('names every query file, and only those', () => {
    const generated = readFileSync(join(ROOT, 'graph/query-names.generated.ts'), 'utf8');
    const names = [...generated.matchAll(/^ {2}'([a-z-]+\/[a-z0-9-]+)': \{$/gm)].map((m) => m[1]);
    expect(names).toEqual([...loadQueries().keys()].sort());
  });

  it('takes the parameters from the expanded Cypher: fragments bring theirs, comments and strings do not count', () => {
    expect(paramsUsed("// $inComment\nMATCH (n {id: $id}) WHERE n.note = '$notOne' AND n.x IN $xs // $trailing\nRETURN n")).toEqual([
      'id',
      'xs',
    ]);
    // Dynamic labels and types ($any(...), $all(...)) are functions, not parameters.
    expect(paramsUsed('MATCH (s)-[:$any($types)]-(m:$all($labels)) RETURN m')).toEqual(['labels', 'types']);
    // coverage/compute-coverage takes $asOf only through the fragments it uses.
    const coverage = 'coverage/compute-coverage';
    expect(paramsUsed(cypher(coverage))).toContain('asOf');
  });

  it('types the parameters and rows a query declares, and refuses a params line that disagrees with the Cypher', () => {
    const text = '// q\n// params: id: string, asOf: string?\n// returns: id: string, items: unknown[]\nMATCH (n {id: $id}) RETURN $asOf';
    expect(queryContract('q/typed', text, text)).toEqual({
      name: 'q/typed',
      params: [
        ['asOf', 'string | null'],
        ['id', 'string'],
      ],
      row: [
        ['id', 'string'],
        ['items', 'unknown[]'],
      ],
    });
    const wrong = '// q\n// params: id: string\nMATCH (n {id: $key}) RETURN n';
    expect(() => queryContract('q/wrong', wrong, wrong)).toThrow(
      /cypher\/q\/wrong\.cypher: its "\/\/ params:" line lists id but the query uses key/,
    );
  });

  it('gives every finding rule the parameters the rule runner passes, and refuses a rule that uses another', () => {
    const rule: NamedQueries[FindingQuery]['params'] = { scope: null, asOf: '2024-01-01', includeSynthetic: false };
    expect(Object.keys(rule).sort()).toEqual(['asOf', 'includeSynthetic', 'scope']);
    const odd = '// rule: odd\nMATCH (n) WHERE n.x = $other RETURN n.id AS entityId';
    expect(() => queryContract('findings/odd', odd, odd)).toThrow(
      /findings\/odd\.cypher: the queries in cypher\/findings\/ take .* it also uses other/,
    );
  });

  it('throws a clear error at run time for a name with no file (a name the types cannot see, e.g. from JSON)', () => {
    expect(() => cypher('nothing/here' as QueryName)).toThrow(/no named query nothing\/here/);
  });
});

/**
 * Compile-time checks, run through the TypeScript compiler on a small program that uses the store:
 * each call marked WRONG must be a type error on its line, each other call none.
 */
const CALLS = `
import type { GraphStore, WriteTx } from '${ROOT}graph/graph-store.ts';
export async function calls(store: GraphStore, tx: WriteTx) {
  await store.read('entity/get-entitys', { ids: [] }); // WRONG: no file cypher/entity/get-entitys.cypher
  await store.read('entity/get-entities', { id: 'x' }); // WRONG: the query takes $ids, not $id
  await store.read('accounts/find-session', { id: 'x', now: 1 }); // WRONG: $idleMs missing
  await tx.run('mutation/lock-pairing', {}); // WRONG: the same in a write transaction
  await store.read('findings/duplicate-name', { scope: null, asOf: 1, includeSynthetic: false }); // WRONG: asOf is a string
  await tx.run('mutation/lock-hierarchy');
  await store.read('findings/duplicate-name', { scope: null, asOf: '2024-01-01', includeSynthetic: false });
  const [row] = await store.read<{ node: Record<string, unknown> }>('entity/get-entities', { ids: ['x'] });
  return row?.node;
}
`;

describe('the store takes only named queries with their parameters (type-checked)', () => {
  it('refuses a wrong name, a wrong, missing or mistyped parameter at compile time, and accepts the right ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'query-types-'));
    const file = join(dir, 'calls.mts');
    writeFileSync(file, CALLS);
    const config = ts.getParsedCommandLineOfConfigFile(
      join(ROOT, 'tsconfig.json'),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
    );
    const program = ts.createProgram([file], { ...config!.options, noEmit: true });
    const source = program.getSourceFile(file)!;
    const errorLines = new Set(
      ts.getPreEmitDiagnostics(program, source).map((d) => source.getLineAndCharacterOfPosition(d.start ?? 0).line),
    );
    const lines = CALLS.split('\n');
    const wrong = new Set(lines.flatMap((line, i) => (line.includes('// WRONG') ? [i] : [])));
    expect(wrong.size).toBe(5);
    expect([...errorLines].sort((a, b) => a - b)).toEqual([...wrong].sort((a, b) => a - b));
  });
});

describe('every query file', () => {
  it('starts with a comment saying what it answers', () => {
    for (const [name, text] of loadQueries()) expect(text.trimStart().startsWith('//'), name).toBe(true);
  });
});

/**
 * A throw-away copy of the parts that load the queries (graph/, server/findings.ts, cypher/), with
 * `change` applied to its cypher/ tree; imports `module` in a fresh Node and returns how it ended.
 */
function importInCopy(module: string, change: (cypherDir: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'query-start-'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  for (const part of ['cypher', 'graph', 'schema', 'server/findings.ts']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  change(join(dir, 'cypher'));
  const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', `await import(${JSON.stringify(join(dir, module))})`], {
    cwd: dir,
    encoding: 'utf8',
  });
  return { status: run.status, stderr: run.stderr };
}

describe('read at start', () => {
  it('the server imports the query loader and the finding rules when it starts (server/main.ts reaches both)', () => {
    // The import graph from the entry point: both modules read their files when first imported.
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const m of text.matchAll(/^(?:import|export)\s[^'"]*?from\s+'(\.{1,2}\/[^']+\.ts)'/gm)) {
        if (/^import\s+type\s/.test(m[0]) || /^export\s+type\s/.test(m[0])) continue;
        visit(join(file, '..', m[1]!).replace(/\\/g, '/'));
      }
    };
    visit('server/main.ts');
    expect(seen.has('graph/cypher-queries.ts')).toBe(true);
    expect(seen.has('server/findings.ts')).toBe(true);
  });

  it('loads an intact tree', () => {
    const run = importInCopy('server/findings.ts', () => {});
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('fails on a use of a missing fragment, naming the file', () => {
    const run = importInCopy('graph/cypher-queries.ts', (dir) => {
      writeFileSync(join(dir, 'graph/broken-use.cypher'), '// broken\nMATCH (x)\n// @use no-such-fragment(x) -> y\nRETURN y\n');
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(
      /cypher\/graph\/broken-use\.cypher: @use no-such-fragment, but there is no cypher\/fragments\/no-such-fragment\.cypher/,
    );
  });

  it('fails on a cycle among fragments', () => {
    const run = importInCopy('graph/cypher-queries.ts', (dir) => {
      writeFileSync(join(dir, 'fragments/ping.cypher'), '// fragment: ping(x) -> y\n// @use pong(x) -> y\n');
      writeFileSync(join(dir, 'fragments/pong.cypher'), '// fragment: pong(x) -> y\n// @use ping(x) -> y\n');
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/is a cycle \((ping -> pong -> ping|pong -> ping -> pong)\)/);
  });

  it('fails on a finding rule with a bad header', () => {
    const run = importInCopy('server/findings.ts', (dir) => {
      const file = join(dir, 'findings/duplicate-name.cypher');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^\/\/ severity: .*$/m, '// severity: dreadful'));
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/cypher\/findings\/duplicate-name\.cypher: its header must give rule: duplicate-name, severity/);
  });
});
