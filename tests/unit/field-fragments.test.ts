/**
 * Field fragments (cypher/fields/<Type>.<field>.cypher): the header is read and checked when the
 * queries are loaded, so a fragment that disagrees with its header fails the start, not a request; a
 * spliced fragment input takes only a number or a splice; field fragments are not named queries.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFieldFragments, readFieldFragments, readQueries } from '../../graph/cypher-queries.ts';

/** A throw-away cypher/ tree from { "area/name": text }. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'field-fragments-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, `${name}.cypher`)), { recursive: true });
    writeFileSync(join(dir, `${name}.cypher`), text);
  }
  return dir;
}

const WALK =
  '// fragment: walk(n, most, {{reach}}) -> found\nMATCH p = (d)-[:R*1..{{reach}}]->(n) WITH d, most, min(length(p)) AS k WHERE k <= most\nRETURN collect(d) AS found\n';
const HEADER = '// field: Thing.parts\n// in: t\n// out: total, items\n// params: depth: 1..5, limit\n';
const BODY =
  '// @use walk(t, $depth, {{depth}}) -> found\nRETURN size(found) AS total, [d IN found[..$limit] | @project(d: nodes)] AS items\n';

describe('field fragments', () => {
  it('are read with their header, their uses expanded and their bound spliced through the fragment', () => {
    const fields = readFieldFragments(tree({ 'fragments/walk': WALK, 'fields/Thing.parts': HEADER + BODY }));
    const field = fields.get('Thing.parts')!;
    expect(field).toMatchObject({ type: 'Thing', field: 'parts', input: 't', outputs: ['total', 'items'], params: ['limit'] });
    expect(field.bounds).toEqual({ depth: { min: 1, max: 5 } });
    expect(field.body).toContain('MATCH p = (d)-[:R*1..{{depth}}]->(n)');
    expect(field.body).toContain('WITH t AS n, $depth AS most');
    // Not a named query.
    expect(readQueries(tree({ 'fragments/walk': WALK, 'fields/Thing.parts': HEADER + BODY })).size).toBe(0);
  });

  it('a header that disagrees with the body or the file fails the load, naming the file', () => {
    const load =
      (text: string, name = 'Thing.parts') =>
      () =>
        readFieldFragments(tree({ 'fragments/walk': WALK, [`fields/${name}`]: text }));
    expect(load(BODY)).toThrow(/Thing\.parts\.cypher: line 1 must be "\/\/ field: …"/);
    expect(load(HEADER + BODY, 'Thing.other')).toThrow(/declares field Thing\.parts, but the file is named Thing\.other/);
    expect(load(HEADER.replace('limit', 'limit, first') + BODY)).toThrow(/"\/\/ params:" passes limit, first, depth/);
    expect(load(HEADER.replace('depth: 1..5, ', '') + BODY)).toThrow(/the body uses \$depth, \$limit|splices none/);
    expect(load(HEADER.replace('total, items', 'total, items, more') + BODY)).toThrow(/names more, which its last RETURN does not/);
    expect(load(HEADER.replace('// in: t', '// in: t, u') + BODY)).toThrow(/names the one parent variable/);
  });

  it('a spliced fragment input takes a number or a splice, never a variable or a parameter', () => {
    const use = (args: string) => () =>
      readQueries(tree({ 'fragments/walk': WALK, 'q/one': `MATCH (t)\n// @use walk(${args}) -> found\nRETURN found\n` }));
    expect(use('t, $most, 10')().get('q/one')).toContain('[:R*1..10]');
    expect(use('t, $most, $reach')).toThrow(/"\$reach" must be a number for \{\{reach\}\}/);
    expect(use('t, $most, x')).toThrow(/"x" must be a number/);
    // A number in a variable's place is refused: only spliced inputs are written into the text.
    expect(use('t, 3, 10')).toThrow(/"3" is not a variable or a \$param/);
    expect(use('t, $most, 3 + 1')).toThrow(/is not a variable name/);
    expect(use('t, $most, 10 ]')).toThrow(/is not a variable name/);
    // A splice in a variable's place is refused too.
    expect(use('{{x}}, $most, 10')).toThrow(/is not a variable or a \$param/);
  });

  it('the project has its field fragments, loaded at start', () => {
    expect([...loadFieldFragments().keys()].sort()).toEqual(['IndustryChain.leaders', 'Organization.descendants']);
  });
});
