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
const FIELD_DIR = 'fields/';

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

/**
 * A fragment input written `{{name}}` is spliced, not bound: a whole number written into the text where
 * Cypher takes no parameter (a variable-length bound). A use gives it a number or passes on a splice of
 * its own (`{{name}}`, a field fragment's checked bound: cypher/fields/), never any other text.
 */
const SPLICE = /^\{\{[A-Za-z_][A-Za-z0-9_]*\}\}$/;
const isSplice = (item: string) => SPLICE.test(item);

/** `declared`: a fragment's inputs (variables or splices); `use`: a use's inputs (also $params and numbers). */
function names(list: string, where: string, mode: 'variables' | 'declared' | 'use' = 'variables'): string[] {
  const items = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const item of items) {
    const ok =
      IDENTIFIER.test(mode === 'use' ? item.replace(/^\$/, '') : item) ||
      (mode !== 'variables' && isSplice(item)) ||
      (mode === 'use' && /^\d+$/.test(item));
    if (!ok) throw new Error(`${where}: "${item}" is not a variable name`);
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
  const fragment = { name, inputs: names(inputs, file, 'declared'), outputs: names(outputs, file), body: body.trim() };
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
      const inputs = names(args, where, 'use');
      const outputs = names(outs, where);
      if (inputs.length !== fragment.inputs.length || outputs.length !== fragment.outputs.length) {
        throw new Error(
          `${where}: @use ${name}(${inputs.join(', ')}) -> ${outputs.join(', ')} does not match ` +
            `${name}(${fragment.inputs.join(', ')}) -> ${fragment.outputs.join(', ')}`,
        );
      }
      let body = expandUses(`cypher/${FRAGMENT_DIR}${name}.cypher`, fragment.body, fragments, [...path, name]);
      // A spliced input takes a number or a splice, and is written into the text; the others are variables.
      const spliced = inputs.map((_v, i) => isSplice(fragment.inputs[i]!));
      inputs.forEach((v, i) => {
        const literal = /^\d+$/.test(v) || isSplice(v);
        if (spliced[i] !== literal) {
          throw new Error(
            `${where}: @use ${name}: "${v}" ${spliced[i] ? `must be a number for ${fragment.inputs[i]}` : 'is not a variable or a $param'}`,
          );
        }
        if (spliced[i]) body = body.split(fragment.inputs[i]!).join(v);
      });
      const vars = inputs.filter((_v, i) => !spliced[i]);
      const declared = fragment.inputs.filter((_v, i) => !spliced[i]);
      // An input given as a $param is bound inside the subquery; only variables are imported.
      const imported = vars.filter((v) => !v.startsWith('$'));
      const renamesIn = vars.some((v, i) => v !== declared[i]);
      const renamesOut = outputs.some((v, i) => v !== fragment.outputs[i]);
      const bind = renamesIn ? [`WITH ${vars.map((v, i) => (v === declared[i] ? v : `${v} AS ${declared[i]}`)).join(', ')}`] : [];
      const inner = renamesOut
        ? [
            ...bind,
            `CALL (${declared.join(', ')}) {`,
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

interface CypherFile {
  name: string;
  text: string;
}

/** A cypher/ tree's files, and its fragments checked. */
interface CypherTree {
  files: CypherFile[];
  fragments: Map<string, Fragment>;
}

function readTree(dir: string): CypherTree {
  const files = walk(dir).map((path) => ({ name: relative(dir, path).replace(/\.cypher$/, ''), text: readFileSync(path, 'utf8') }));
  return { files, fragments: readFragments(files) };
}

/** The fragments of a cypher/ tree, each checked (header, uses, cycles). */
function readFragments(files: CypherFile[]): Map<string, Fragment> {
  const fragments = new Map<string, Fragment>();
  for (const file of files.filter((f) => f.name.startsWith(FRAGMENT_DIR))) {
    const fragment = parseFragment(`cypher/${file.name}.cypher`, file.text);
    fragments.set(fragment.name, fragment);
  }
  // Every fragment is expanded once here, so a cycle among fragments no query uses still fails.
  for (const fragment of fragments.values())
    expandUses(`cypher/${FRAGMENT_DIR}${fragment.name}.cypher`, fragment.body, fragments, [fragment.name]);
  return fragments;
}

/** Reads a cypher/ tree into its named queries, every `@use` expanded. Throws on a bad fragment or use. */
export const readQueries = (dir: string): Map<string, string> => queriesOf(readTree(dir));

function queriesOf({ files, fragments }: CypherTree): Map<string, string> {
  return new Map(
    files
      .filter((f) => !f.name.startsWith(FRAGMENT_DIR) && !f.name.startsWith(FIELD_DIR))
      .map((f) => [f.name, expandUses(`cypher/${f.name}.cypher`, f.text, fragments)]),
  );
}

/**
 * A field fragment (cypher/fields/<Type>.<field>.cypher): what the compiled read path (server/compiled/)
 * embeds for one GraphQL field of a parent, in place of the field's batched loader query, returning the
 * same columns as that query but only the properties the request asked. Its header declares its
 * interface, one line each, in this order:
 *
 *   // field: Organization.descendants
 *   // in: n                      (the parent's variable)
 *   // out: total, items          (the columns of its one row: the loader query's, less `id`)
 *   // params: maxDepth: 1..10, kinds, offset, limit
 *
 * A parameter is passed as `$name`, except one typed as a range of integers (`maxDepth: 1..10`), which
 * Cypher cannot take as a parameter where it is used (a variable-length bound): it is written
 * `{{maxDepth}}` and spliced as an integer checked to be in that range, never as any other text.
 * `@project(v: spec)` marks where a node (or relationship) `v` is projected: the compiler writes the
 * properties the selection asks of it (spec: server/compiled/field-fragments.ts). `// @use` lines
 * expand the shared fragments as in the named queries, so a rule the loader's query also follows
 * lives once, in cypher/fragments/.
 */
export interface FieldFragment {
  /** `Type.field`. */
  name: string;
  type: string;
  field: string;
  input: string;
  outputs: string[];
  /** Passed as `$name`. */
  params: string[];
  /** Spliced as an integer in [min, max]. */
  bounds: Record<string, { min: number; max: number }>;
  /** The body, `// @use` expanded, comments dropped. */
  body: string;
}

const FIELD_LINES = ['field', 'in', 'out', 'params'] as const;
const FIELD_NAME = /^([A-Z][A-Za-z0-9]*)\.([a-z][A-Za-z0-9]*)$/;
const BOUND = /^([A-Za-z_][A-Za-z0-9_]*): (\d+)\.\.(\d+)$/;
export const PROJECT_MARK = /@project\(([A-Za-z_][A-Za-z0-9_]*): ([^)]*)\)/g;

/** Parses and checks a field fragment; throws, naming the file, on a bad header or a body that disagrees with it. */
export function parseFieldFragment(file: string, text: string, fragments: ReadonlyMap<string, Fragment>): FieldFragment {
  const lines = text.split('\n');
  const header: Record<string, string> = {};
  FIELD_LINES.forEach((key, i) => {
    const m = new RegExp(`^// ${key}: (.*)$`).exec(lines[i]?.trim() ?? '');
    if (!m)
      throw new Error(`${file}: line ${i + 1} must be "// ${key}: …" (a field fragment starts with // field, // in, // out, // params)`);
    header[key] = m[1]!.trim();
  });
  const named = FIELD_NAME.exec(header.field!);
  if (!named) throw new Error(`${file}: "// field: ${header.field}" is not Type.field`);
  const expected = file.replace(/^.*\//, '').replace(/\.cypher$/, '');
  if (header.field !== expected) throw new Error(`${file}: declares field ${header.field}, but the file is named ${expected}`);
  const inputs = names(header.in!, file);
  if (inputs.length !== 1) throw new Error(`${file}: "// in:" names the one parent variable`);
  const outputs = names(header.out!, file);
  if (outputs.length === 0) throw new Error(`${file}: "// out:" names at least one column`);
  const params: string[] = [];
  const bounds: FieldFragment['bounds'] = {};
  for (const item of header.params === 'none' ? [] : header.params!.split(',').map((s) => s.trim())) {
    const bound = BOUND.exec(item);
    if (bound) bounds[bound[1]!] = { min: Number(bound[2]), max: Number(bound[3]) };
    else params.push(...names(item, file));
  }
  const body = expandUses(
    file,
    lines
      .slice(FIELD_LINES.length)
      .filter((line) => !/^\s*\/\/(?! @use )/.test(line))
      .join('\n'),
    fragments,
  ).trim();
  const code = body
    .split('\n')
    .filter((line) => !/^\s*\/\//.test(line))
    .join('\n')
    .replace(/\/\/.*$/gm, '');
  const used = new Set([...code.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!));
  const spliced = new Set([...code.matchAll(/\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g)].map((m) => m[1]!));
  const same = (a: Set<string>, b: string[]) => a.size === b.length && b.every((x) => a.has(x));
  // A bound may be passed as a parameter too (the same checked integer).
  const passed = [...params, ...Object.keys(bounds).filter((b) => used.has(b))];
  if (!same(used, passed))
    throw new Error(`${file}: "// params:" passes ${passed.join(', ') || 'none'}, the body uses $${[...used].join(', $')}`);
  if (!same(spliced, Object.keys(bounds)))
    throw new Error(
      `${file}: "// params:" splices ${Object.keys(bounds).join(', ') || 'none'}, the body {{${[...spliced].join('}}, {{')}}}`,
    );
  const last = [...code.matchAll(/^RETURN (.*(?:\n[ \t]+.*)*)/gm)].at(-1)?.[1] ?? '';
  for (const out of outputs) {
    if (!new RegExp(`(?:^|,)\\s*(?:[^,]* AS )?${out}\\s*(?:,|$)`).test(last.replace(/\s+/g, ' ').trim())) {
      throw new Error(`${file}: "// out:" names ${out}, which its last RETURN does not`);
    }
  }
  return { name: header.field!, type: named[1]!, field: named[2]!, input: inputs[0]!, outputs, params, bounds, body };
}

/** Reads a cypher/ tree's field fragments (cypher/fields/), keyed `Type.field`. Throws on a bad one. */
export const readFieldFragments = (dir: string): Map<string, FieldFragment> => fieldFragmentsOf(readTree(dir));

function fieldFragmentsOf({ files, fragments }: CypherTree): Map<string, FieldFragment> {
  return new Map(
    files
      .filter((f) => f.name.startsWith(FIELD_DIR))
      .map((f) => {
        const field = parseFieldFragment(`cypher/${f.name}.cypher`, f.text, fragments);
        return [field.name, field];
      }),
  );
}

let treeRead: CypherTree | undefined;

/** The project's cypher/ tree, read from disk and its fragments checked once, for all that follows. */
const projectTree = () => {
  treeRead ??= readTree(CYPHER_DIR);
  return treeRead;
};

/**
 * Expands the `// @use` lines of Cypher built outside cypher/ (the compiled read path, server/compiled/)
 * with the same fragments the named queries use.
 */
export function expandFragments(where: string, text: string): string {
  return expandUses(where, text, projectTree().fragments);
}

let cached: ReadonlyMap<QueryName, string> | undefined;

/**
 * All named queries, read from disk and expanded once. Their names are the generated QueryName union:
 * tests/unit/cypher-queries.test.ts fails when a file and the union disagree.
 */
export function loadQueries(): ReadonlyMap<QueryName, string> {
  cached ??= queriesOf(projectTree()) as Map<QueryName, string>;
  return cached;
}

let fieldsRead: ReadonlyMap<string, FieldFragment> | undefined;

/** The field fragments of cypher/fields/, read and checked once. */
export function loadFieldFragments(): ReadonlyMap<string, FieldFragment> {
  fieldsRead ??= fieldFragmentsOf(projectTree());
  return fieldsRead;
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
loadFieldFragments();
