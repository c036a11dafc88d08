/**
 * The named Cypher queries in cypher/, read and expanded once at start. Each query is a file
 * cypher/<area>/<verb-noun>.cypher and its name is "<area>/<verb-noun>". The names, and the `$params`
 * each query uses, are generated into graph/query-names.generated.ts (scripts/generate-contracts.ts),
 * so asking for a name with no file, or passing the wrong parameters, is a compile error; asking at
 * run time for a name with no file still throws.
 *
 * Fragments (cypher/fragments/<name>.cypher) hold the ideas many queries share, written once: the
 * places of an area, active on a date, … A fragment's first line declares its interface,
 *
 *   // fragment: area-places(a) -> places
 *
 * and a query uses it with one directive line, naming its own variables,
 *
 *   // @use area-places(s) -> reach
 *
 * which is expanded into a scoped subquery, `CALL (s) { WITH s AS a  …fragment…  RETURN places AS reach }`
 * (its first line names the fragment's file, for whoever reads the expanded text).
 * The scope clause imports only the declared inputs, so the fragment's own variables never leak or
 * clash; the fragment's `$params` are the query's. An input may also be a `$param`
 * (`// @use active-on(r, $activeOn) -> active`), bound to the fragment's variable inside the
 * subquery. Fragments may use fragments. A directive naming no
 * fragment, with the wrong number of variables, or in a cycle throws when the queries are loaded,
 * which happens when this module is imported, so the start fails rather than a request.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectDir } from './project-root.ts';
import type { NamedQueries, QueryName } from './query-names.generated.ts';

export const CYPHER_DIR = projectDir('cypher');
const FRAGMENT_DIR = 'fragments/';

export type { QueryName } from './query-names.generated.ts';

/** The parameters named query N takes: the `$params` its expanded text uses (graph/query-names.generated.ts). */
export type QueryParams<N extends QueryName> = NamedQueries[N]['params'];

/** A row of named query N: its `// returns:` header, or `Record<string, unknown>` when it has none. */
export type QueryRow<N extends QueryName> = NamedQueries[N]['row'];

/** A finding rule's query (cypher/findings/): they all take the same parameters. */
export type FindingQuery = Extract<QueryName, `findings/${string}`>;

export const isFindingQuery = (name: QueryName): name is FindingQuery => name.startsWith('findings/');

/**
 * The arguments of a named query, `[name, params]`, one tuple per query: a call type-checks only when
 * the name is a file in cypher/ and the parameters are exactly the ones its text uses (a query that
 * uses none may leave them out).
 */
export type QueryArgs = {
  [N in QueryName]: keyof QueryParams<N> extends never ? [name: N, params?: QueryParams<N>] : [name: N, params: QueryParams<N>];
}[QueryName];

/** A fragment's declared interface and its body (the text after the header comment). */
export interface Fragment {
  name: string;
  inputs: string[];
  outputs: string[];
  body: string;
}

const FRAGMENT_HEADER = /^\/\/ fragment: ([a-z][a-z0-9-]*)\(([^)]*)\) -> (.+)$/;
const USE_LINE = /^([ \t]*)\/\/ @use (.*)$/;
const USE_DIRECTIVE = /^([a-z][a-z0-9-]*)\(([^)]*)\) -> (.+)$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function names(list: string, where: string, params = false): string[] {
  const items = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const item of items) {
    if (!IDENTIFIER.test(params ? item.replace(/^\$/, '') : item)) throw new Error(`${where}: "${item}" is not a variable name`);
  }
  return items;
}

/** Parses a fragment file; throws, naming the file, when its first line is not a declaration. */
export function parseFragment(file: string, text: string): Fragment {
  const [first = '', ...rest] = text.split('\n');
  const header = FRAGMENT_HEADER.exec(first.trim());
  if (!header) throw new Error(`${file}: a fragment starts with "// fragment: name(in) -> out"`);
  const [, name = '', inputs = '', outputs = ''] = header;
  const expected = file.replace(/^.*\//, '').replace(/\.cypher$/, '');
  if (name !== expected) throw new Error(`${file}: declares fragment ${name}, but the file is named ${expected}`);
  const body = rest.filter((line) => !/^\s*\/\/(?! @use )/.test(line)).join('\n');
  const fragment = { name, inputs: names(inputs, file), outputs: names(outputs, file), body: body.trim() };
  if (fragment.outputs.length === 0) throw new Error(`${file}: a fragment returns at least one variable`);
  return fragment;
}

const indent = (text: string, pad: string): string =>
  text
    .split('\n')
    .map((line) => (line.trim() ? pad + line : line))
    .join('\n');

/**
 * Replaces every `// @use` line of `text` with the scoped subquery it stands for. `path` lists the
 * fragments being expanded around this text, to refuse a cycle.
 */
export function expandUses(where: string, text: string, fragments: ReadonlyMap<string, Fragment>, path: string[] = []): string {
  return text
    .split('\n')
    .map((line) => {
      const use = USE_LINE.exec(line);
      if (!use) return line;
      const [, pad = '', directive = ''] = use;
      const parsed = USE_DIRECTIVE.exec(directive.trim());
      if (!parsed) throw new Error(`${where}: "// @use ${directive}" is not "// @use name(vars) -> vars"`);
      const [, name = '', args = '', outs = ''] = parsed;
      const fragment = fragments.get(name);
      if (!fragment) throw new Error(`${where}: @use ${name}, but there is no cypher/${FRAGMENT_DIR}${name}.cypher`);
      if (path.includes(name)) throw new Error(`${where}: @use ${name} is a cycle (${[...path, name].join(' -> ')})`);
      const inputs = names(args, where, true);
      const outputs = names(outs, where);
      if (inputs.length !== fragment.inputs.length || outputs.length !== fragment.outputs.length) {
        throw new Error(
          `${where}: @use ${name}(${inputs.join(', ')}) -> ${outputs.join(', ')} does not match ` +
            `${name}(${fragment.inputs.join(', ')}) -> ${fragment.outputs.join(', ')}`,
        );
      }
      const body = expandUses(`cypher/${FRAGMENT_DIR}${name}.cypher`, fragment.body, fragments, [...path, name]);
      // An input given as a $param is bound inside the subquery; only variables are imported.
      const imported = inputs.filter((v) => !v.startsWith('$'));
      const renamesIn = inputs.some((v, i) => v !== fragment.inputs[i]);
      const renamesOut = outputs.some((v, i) => v !== fragment.outputs[i]);
      const bind = renamesIn
        ? [`WITH ${inputs.map((v, i) => (v === fragment.inputs[i] ? v : `${v} AS ${fragment.inputs[i]}`)).join(', ')}`]
        : [];
      const inner = renamesOut
        ? [
            ...bind,
            `CALL (${fragment.inputs.join(', ')}) {`,
            indent(body, '  '),
            '}',
            `RETURN ${outputs.map((v, i) => `${fragment.outputs[i]} AS ${v}`).join(', ')}`,
          ]
        : [...bind, body];
      return [
        `${pad}CALL (${imported.join(', ')}) { // ${name}: cypher/${FRAGMENT_DIR}${name}.cypher`,
        indent(inner.join('\n'), `${pad}  `),
        `${pad}}`,
      ].join('\n');
    })
    .join('\n');
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : entry.name.endsWith('.cypher') ? [path] : [];
  });
}

/** Reads a cypher/ tree into its named queries, every `@use` expanded. Throws on a bad fragment or use. */
export function readQueries(dir: string): Map<string, string> {
  const files = walk(dir).map((path) => ({ name: relative(dir, path).replace(/\.cypher$/, ''), text: readFileSync(path, 'utf8') }));
  const fragments = new Map<string, Fragment>();
  for (const file of files.filter((f) => f.name.startsWith(FRAGMENT_DIR))) {
    const fragment = parseFragment(`cypher/${file.name}.cypher`, file.text);
    fragments.set(fragment.name, fragment);
  }
  // Every fragment is expanded once here, so a cycle among fragments no query uses still fails.
  for (const fragment of fragments.values())
    expandUses(`cypher/${FRAGMENT_DIR}${fragment.name}.cypher`, fragment.body, fragments, [fragment.name]);
  return new Map(
    files.filter((f) => !f.name.startsWith(FRAGMENT_DIR)).map((f) => [f.name, expandUses(`cypher/${f.name}.cypher`, f.text, fragments)]),
  );
}

let fragmentsRead: ReadonlyMap<string, Fragment> | undefined;

/**
 * Expands the `// @use` lines of Cypher built outside cypher/ (the compiled read path, server/compiled/)
 * with the same fragments the named queries use.
 */
export function expandFragments(where: string, text: string): string {
  fragmentsRead ??= new Map(
    walk(join(CYPHER_DIR, FRAGMENT_DIR)).map((path) => {
      const fragment = parseFragment(`cypher/${relative(CYPHER_DIR, path)}`, readFileSync(path, 'utf8'));
      return [fragment.name, fragment];
    }),
  );
  return expandUses(where, text, fragmentsRead);
}

let cached: ReadonlyMap<QueryName, string> | undefined;

/**
 * All named queries, read from disk and expanded once. Their names are the generated QueryName union:
 * tests/unit/cypher-queries.test.ts fails when a file and the union disagree.
 */
export function loadQueries(): ReadonlyMap<QueryName, string> {
  cached ??= readQueries(CYPHER_DIR) as Map<QueryName, string>;
  return cached;
}

/** The text of one named query; throws, naming the file it expected, when there is none. */
export function cypher(name: QueryName): string {
  const text = loadQueries().get(name);
  if (text === undefined) throw new Error(`no named query ${name} (expected ${CYPHER_DIR}${name}.cypher)`);
  return text;
}

// Read when this module is first imported, which the server, the seed and every CLI do before they
// touch the database: a missing file, a bad fragment or a bad `@use` stops them at start.
loadQueries();
