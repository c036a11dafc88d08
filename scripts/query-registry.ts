/**
 * The typed query registry, written from the files in cypher/: every named query's name, the `$params`
 * its expanded text uses (fragments included) and, where the file declares them, their types and the
 * type of a row it returns. graph/graph-store.ts takes these types, so a wrong name, a missing or an
 * unknown parameter is a compile error.
 *
 * A query file may declare types in two header lines (both optional):
 *
 *   // params: areaId: string, asOf: string?, ids: string[]
 *   // returns: id: string, total: number, items: unknown[]
 *
 * `T?` is `T | null`. The parameter names come from the Cypher itself, so they cannot drift: a
 * `// params:` line must list exactly the parameters the expanded query uses. A parameter with no
 * declared type is `unknown` (the name is still checked); a query with no `// returns:` returns rows
 * of `Record<string, unknown>` unless its caller names the row type.
 *
 * A folder whose queries are all run the same way has one contract for all of them (FOLDER_PARAMS):
 * the finding rules (cypher/findings/) each take the area scope, the date and includeSynthetic, as
 * server/findings.ts runs them; a rule that uses another parameter fails the generator.
 */

const PARAMS_HEADER = /^\/\/ params: (.*)$/m;
const RETURNS_HEADER = /^\/\/ returns: (.*)$/m;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const FOLDER_PARAMS: Record<string, [string, string][]> = {
  'findings/': [
    ['asOf', 'string'],
    ['includeSynthetic', 'boolean'],
    ['scope', 'string[] | null'],
  ],
};

/** The Cypher with its comments and string literals blanked out, so `$` in them is not a parameter. */
export function codeOnly(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') i += 1;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
      out += ' ';
    } else if (c === "'" || c === '"' || c === '`') {
      // A quoted string or a back-quoted name: skipped whole (a backslash escapes the next character).
      i += 1;
      while (i < text.length && text[i] !== c) i += text[i] === '\\' ? 2 : 1;
      i += 1;
      out += c === '`' ? '_' : "''";
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

/** The `$params` the (expanded) query text uses, sorted (`$any(…)`/`$all(…)`, dynamic labels, are not). */
export function paramsUsed(text: string): string[] {
  return [...new Set([...codeOnly(text).matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)(?![A-Za-z0-9_(])/g)].map((m) => m[1]!))].sort();
}

/** Splits `a: T, b: U<V, W>` at its top-level commas. */
function splitTop(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i += 1) {
    const c = list[i]!;
    if ('[{(<'.includes(c)) depth += 1;
    else if (']})>'.includes(c)) depth -= 1;
    else if (c === ',' && depth === 0) {
      parts.push(list.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(list.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** `name: type` pairs of a header line; `T?` becomes `T | null`. Throws, naming the file, on a bad entry. */
export function parseFields(where: string, list: string): [string, string][] {
  if (list.trim() === 'none') return [];
  return splitTop(list).map((entry) => {
    const colon = entry.indexOf(':');
    const name = (colon < 0 ? entry : entry.slice(0, colon)).trim();
    const type = colon < 0 ? '' : entry.slice(colon + 1).trim();
    if (!IDENTIFIER.test(name) || !type) throw new Error(`${where}: "${entry}" is not "name: type"`);
    return [name, type.endsWith('?') ? `${type.slice(0, -1).trim()} | null` : type];
  });
}

export interface QueryContract {
  name: string;
  params: [string, string][];
  row: [string, string][] | null;
}

/**
 * The contract of one named query. `raw` is the file as written (for its headers), `expanded` the text
 * after `@use` expansion (for the parameters its fragments bring).
 */
export function queryContract(name: string, raw: string, expanded: string): QueryContract {
  const where = `cypher/${name}.cypher`;
  const used = paramsUsed(expanded);
  const paramsLine = PARAMS_HEADER.exec(raw)?.[1];
  let params: [string, string][] = used.map((p) => [p, 'unknown']);
  if (paramsLine !== undefined) {
    const declared = parseFields(where, paramsLine);
    const names = declared.map(([n]) => n).sort();
    if (names.join(',') !== used.join(',')) {
      throw new Error(
        `${where}: its "// params:" line lists ${names.join(', ') || 'none'} but the query uses ${used.join(', ') || 'none'}`,
      );
    }
    params = declared.sort(([a], [b]) => a.localeCompare(b));
  }
  const folder = Object.keys(FOLDER_PARAMS).find((prefix) => name.startsWith(prefix));
  if (folder) {
    const shared = FOLDER_PARAMS[folder]!;
    const extra = used.filter((p) => !shared.some(([n]) => n === p));
    if (extra.length > 0) {
      throw new Error(
        `${where}: the queries in cypher/${folder} take ${shared.map(([n]) => n).join(', ')}; it also uses ${extra.join(', ')}`,
      );
    }
    params = shared;
  }
  const returnsLine = RETURNS_HEADER.exec(raw)?.[1];
  const row = returnsLine === undefined ? null : parseFields(where, returnsLine);
  return { name, params, row };
}

const LINE_WIDTH = 140;

function objectType(fields: [string, string][], pad: string, prefix: string): string {
  if (fields.length === 0) return `${pad}${prefix}Record<never, never>;`;
  const oneLine = `${pad}${prefix}{ ${fields.map(([n, t]) => `${n}: ${t}`).join('; ')} };`;
  if (oneLine.length <= LINE_WIDTH) return oneLine;
  return [`${pad}${prefix}{`, ...fields.map(([n, t]) => `${pad}  ${n}: ${t};`), `${pad}};`].join('\n');
}

/** The text of graph/query-names.generated.ts (formatted as Biome would). */
export function registrySource(contracts: QueryContract[]): string {
  const sorted = [...contracts].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const entries = sorted.map((c) =>
    [
      `  '${c.name}': {`,
      objectType(c.params, '    ', 'params: '),
      c.row ? objectType(c.row, '    ', 'row: ') : '    row: Record<string, unknown>;',
      '  };',
    ].join('\n'),
  );
  return [
    '// Generated by scripts/generate-contracts.ts from cypher/**/*.cypher: do not edit.',
    '// `npm run generate:contracts` rewrites it; tests/unit/cypher-queries.test.ts fails when it is stale.',
    '',
    '/** Every named query: the parameters its text uses and the row it returns (from its header, when it has one). */',
    'export interface NamedQueries {',
    ...entries,
    '}',
    '',
    '/** The name of a file cypher/<area>/<verb-noun>.cypher, fragments aside. */',
    'export type QueryName = keyof NamedQueries;',
    '',
  ].join('\n');
}
