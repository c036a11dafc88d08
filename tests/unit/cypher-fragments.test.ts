/**
 * Cypher fragments (cypher/fragments/): how `// @use` expands, that a bad use fails the load, the
 * expanded text of every query that uses one (snapshotted, no database), and that the ideas the
 * fragments hold are written nowhere else in cypher/.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CYPHER_DIR, loadQueries, readQueries } from '../../graph/cypher-queries.ts';

/** A throw-away cypher/ tree from { "area/name": text }. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cypher-fragments-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, `${name}.cypher`)), { recursive: true });
    writeFileSync(join(dir, `${name}.cypher`), text);
  }
  return dir;
}

const SAME = '// fragment: same(x) -> y\n// says what it does\nRETURN x.id AS y\n';

describe('// @use expansion', () => {
  it('imports only the declared inputs into a scoped CALL and drops the fragment header', () => {
    const queries = readQueries(tree({ 'fragments/same': SAME, 'q/one': '// q\nMATCH (x)\n// @use same(x) -> y\nRETURN y\n' }));
    expect(queries.get('q/one')).toBe(
      '// q\nMATCH (x)\nCALL (x) { // same: cypher/fragments/same.cypher\n  RETURN x.id AS y\n}\nRETURN y\n',
    );
    expect(queries.has('fragments/same')).toBe(false);
  });

  it('renames the inputs and outputs to the use site variables, and binds a $param input inside', () => {
    const queries = readQueries(
      tree({
        'fragments/pair': '// fragment: pair(a, day) -> one, two\nRETURN a.id AS one, day AS two\n',
        'q/renamed': '// q\nMATCH (n)\n  // @use pair(n, $asOf) -> first, second\nRETURN first, second\n',
      }),
    );
    expect(queries.get('q/renamed')).toBe(
      [
        '// q',
        'MATCH (n)',
        '  CALL (n) { // pair: cypher/fragments/pair.cypher',
        '    WITH n AS a, $asOf AS day',
        '    CALL (a, day) {',
        '      RETURN a.id AS one, day AS two',
        '    }',
        '    RETURN one AS first, two AS second',
        '  }',
        'RETURN first, second',
        '',
      ].join('\n'),
    );
  });

  it('expands a fragment used by a fragment', () => {
    const queries = readQueries(
      tree({
        'fragments/same': SAME,
        'fragments/outer': '// fragment: outer(x) -> y\n// @use same(x) -> y\n',
        'q/nested': '// q\nMATCH (x)\n// @use outer(x) -> y\nRETURN y\n',
      }),
    );
    expect(queries.get('q/nested')).toContain(
      'CALL (x) { // outer: cypher/fragments/outer.cypher\n  CALL (x) { // same: cypher/fragments/same.cypher\n    RETURN x.id AS y\n  }\n}',
    );
  });

  it('fails the load on a use of a fragment that does not exist, naming the file and the fragment', () => {
    const dir = tree({ 'q/missing': '// q\nMATCH (x)\n// @use nowhere(x) -> y\nRETURN y\n' });
    expect(() => readQueries(dir)).toThrow(/cypher\/q\/missing\.cypher: @use nowhere, but there is no cypher\/fragments\/nowhere\.cypher/);
  });

  it('fails the load on a cycle, even among fragments no query uses', () => {
    const dir = tree({
      'fragments/ping': '// fragment: ping(x) -> y\n// @use pong(x) -> y\n',
      'fragments/pong': '// fragment: pong(x) -> y\n// @use ping(x) -> y\n',
    });
    expect(() => readQueries(dir)).toThrow(/is a cycle \((ping -> pong -> ping|pong -> ping -> pong)\)/);
  });

  it('fails the load on a use with the wrong number of variables, or a fragment without a declaration', () => {
    expect(() => readQueries(tree({ 'fragments/same': SAME, 'q/arity': '// q\n// @use same(x, z) -> y\nRETURN y\n' }))).toThrow(
      /@use same\(x, z\) -> y does not match same\(x\) -> y/,
    );
    expect(() => readQueries(tree({ 'fragments/bare': 'RETURN 1 AS one\n' }))).toThrow(
      /cypher\/fragments\/bare\.cypher: a fragment starts with/,
    );
    expect(() => readQueries(tree({ 'fragments/other': SAME }))).toThrow(/declares fragment same, but the file is named other/);
  });

  it('loads the real cypher/ tree, every use expanded', () => {
    for (const [name, text] of loadQueries()) expect(text, name).not.toMatch(/\/\/ @use /);
  });
});

describe('the expanded queries', () => {
  const raw = (name: string) => readFileSync(join(CYPHER_DIR, `${name}.cypher`), 'utf8');
  const users = [...loadQueries().keys()].filter((name) => raw(name).includes('// @use ')).sort();

  it('are the ones that use fragments', () => {
    expect(users).toEqual(expect.arrayContaining(['coverage/compute-coverage', 'pairing/list-pairings', 'chain/list-chains']));
  });

  it.each(users)('%s', (name) => {
    expect(loadQueries().get(name)).toMatchSnapshot();
  });
});

describe('one definition per idea', () => {
  const files = [...loadQueries().keys()].map((name) => ({ name, text: readFileSync(join(CYPHER_DIR, `${name}.cypher`), 'utf8') }));
  const code = (text: string) =>
    text
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('//'))
      .join('\n');

  it('walks down PART_OF from an area only in cypher/fragments/area-walk.cypher', () => {
    // A walk down: a variable-length or quantified PART_OF pattern pointing at the area's side.
    const walkDown = /<-\[:PART_OF\*|<-\[:PART_OF\]-\((?::Place)?\)[^{\n]*\)\{/;
    const fragments = readdirSync(join(CYPHER_DIR, 'fragments'))
      .filter((file) => file.endsWith('.cypher') && file !== 'area-walk.cypher')
      .map((file) => ({ name: `fragments/${file}`, text: readFileSync(join(CYPHER_DIR, 'fragments', file), 'utf8') }));
    const copies = [...files, ...fragments].filter((f) => walkDown.test(code(f.text))).map((f) => f.name);
    expect(copies).toEqual([]);
    expect(walkDown.test(readFileSync(join(CYPHER_DIR, 'fragments/area-walk.cypher'), 'utf8'))).toBe(true);
  });

  it("gathers an area's governed, covered and member places only in the fragment", () => {
    const roots = /\[:GOVERNS\|COVERS\]->\(\w+:Place\)[\s\S]*\[:MEMBER_OF\]->/;
    const copies = files.filter((f) => roots.test(code(f.text))).map((f) => f.name);
    expect(copies).toEqual([]);
  });

  it('merges a relationship by its id only in cypher/fragments/merge-relationship.cypher', () => {
    const merge = /MERGE\s*\(\w+\)-\[\w+:\$\(/;
    const copies = files.filter((f) => merge.test(code(f.text))).map((f) => f.name);
    expect(copies).toEqual([]);
    expect(merge.test(readFileSync(join(CYPHER_DIR, 'fragments/merge-relationship.cypher'), 'utf8'))).toBe(true);
  });

  it('takes a write lock only in cypher/fragments/lock.cypher', () => {
    const lock = /SET\s+\w+\._lock\s*=\s*true/;
    const copies = files.filter((f) => lock.test(code(f.text))).map((f) => f.name);
    expect(copies).toEqual([]);
    expect(lock.test(readFileSync(join(CYPHER_DIR, 'fragments/lock.cypher'), 'utf8'))).toBe(true);
  });

  it("states an editor's write scope (the walk up REPORTS_TO|PART_OF) only in cypher/fragments/editor-scope.cypher", () => {
    const walkUp = /\[:REPORTS_TO\|PART_OF\*0\.\./;
    const copies = files.filter((f) => walkUp.test(code(f.text))).map((f) => f.name);
    expect(copies).toEqual([]);
    expect(walkUp.test(readFileSync(join(CYPHER_DIR, 'fragments/editor-scope.cypher'), 'utf8'))).toBe(true);
    // Every write path asks the rule through the one query that uses it.
    const users = files.filter((f) => /\/\/ @use editor-scope\(/.test(f.text)).map((f) => f.name);
    expect(users).toEqual(['scope/find-outside-area']);
  });

  it('states "active on a date" only in cypher/fragments/active-on.cypher', () => {
    const activeOn = /validFrom[^\n]*<=[^\n]*validTo IS NULL OR/;
    const copies = files.filter((f) => activeOn.test(code(f.text))).map((f) => f.name);
    expect(copies).toEqual([]);
    // The check itself finds the condition where it lives.
    expect(activeOn.test(readFileSync(join(CYPHER_DIR, 'fragments/active-on.cypher'), 'utf8'))).toBe(true);
  });
});
