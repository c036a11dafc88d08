/**
 * The compiled read path, step 2: a plan (plan.ts) emitted as one Cypher query.
 *
 * A small typed emitter rather than @neo4j/cypher-builder: the query has four clause shapes (a root
 * MATCH, a scoped `CALL (v) { … }` per field, `COUNT {}` for totals, map projections) and embeds the
 * shared fragments of cypher/fragments through the same `// @use` expansion the named queries use,
 * which the builder could only carry as raw text. Safety is by construction: every value is a
 * parameter ($p0, $p1 …), every variable is generated, and every relationship type and label comes
 * from the model's whitelists (RELATED_FIELDS, typed by schema/model.ts), checked again here.
 *
 * The rule that keeps it correct: every field's subquery ends in an aggregation with no grouping key
 * (`RETURN collect(…) AS fN`), so it returns exactly one row, `[]` when nothing matched, and no parent
 * row is lost. Each page is taken per parent (ORDER BY … SKIP … LIMIT inside the parent's CALL) before
 * its items' own fields expand, and a total is counted beside the page, never inside it.
 *
 * The rows are positional, not keyed: an entity's fetched fields are a list (`pre`) in the plan's order
 * (shape.ts reads it in the same order), an item of a related field is `[node, relationship type if
 * asked, relationship properties if asked, …its own pre]`, a pairing `[pairing, partner if asked,
 * target if asked]`. Keys repeated on every row were most of the bytes the driver had to decode.
 */

import { expandFragments, type FieldFragment } from '../../graph/cypher-queries.ts';
import { type Category, isKind, isRelationshipType, KINDS, kindsOfCategory } from '../../schema/model.ts';
import { farCategory } from '../related-fields.ts';
import { fieldFragmentText } from './field-fragments.ts';
import { embeddable } from './loader-fields.ts';
import type { EmbeddedQuery, EntityPlan, LoaderOp, PairingsOp, Projection, RelatedOp } from './plan.ts';

export interface CompiledQuery {
  text: string;
  params: Record<string, unknown>;
}

/** The category label of each entity type (what entity/find-by-name checks with `IN labels(n)`). */
export const LABEL_OF_TYPE: Record<string, string> = {
  Organization: 'Organization',
  Alliance: 'Alliance',
  Place: 'Place',
  Unit: 'Unit',
  IndustryChain: 'IndustryChain',
  LeadershipRole: 'Role',
  Person: 'Person',
  ServiceSite: 'ServiceSite',
  Honour: 'Honour',
};

class Emitter {
  readonly params: Record<string, unknown> = {};
  private nextParam = 0;
  private nextVar = 0;

  private readonly kindsOf = new Map<string, string>();

  /** The parameter holding the kinds of a category label: one per query, however many checks use it. */
  categoryKinds(label: string): string {
    let name = this.kindsOf.get(label);
    if (!name) {
      name = this.param(kindsOfCategory(label as Category));
      this.kindsOf.set(label, name);
    }
    return name;
  }

  param(value: unknown): string {
    const name = `p${this.nextParam++}`;
    this.params[name] = value;
    return `$${name}`;
  }

  variable(prefix: string): string {
    return `${prefix}${this.nextVar++}`;
  }
}

function label(type: string): string {
  const l = LABEL_OF_TYPE[type];
  if (!l) throw new Error(`compiled read: no label for type ${type}`);
  return l;
}

function relTypes(op: RelatedOp): string {
  for (const t of op.spec.types) if (!isRelationshipType(t)) throw new Error(`compiled read: ${t} is not a relationship type`);
  return op.spec.types.join('|');
}

/**
 * The label the related nodes are matched by: every node carries the label of its kind and of its
 * category (schema/model.ts), so a kind filter is a label check (one read per row) rather than the
 * `kind` property beside the `Entity` label (two); all the kinds of one category are that category's
 * label. Kinds come from the model's whitelist, checked again here; none asked: `Entity`, filtered by
 * `kind` where the kinds are an empty list (nothing matches).
 */
function targetLabel(kinds: string[] | null): string {
  if (!kinds || kinds.length === 0) return 'Entity';
  for (const k of kinds) if (!isKind(k)) throw new Error(`compiled read: ${k} is not a kind`);
  const category = categoryOfKinds(kinds);
  if (category && kindsOfCategory(category as Category).every((k) => kinds.includes(k))) return category;
  return kinds.join('|');
}

/**
 * The category the field's items are known to be of: the one their kinds share, else the one the
 * model fixes for the far end of its relationships (farCategory, which every write is held to).
 */
export function itemCategory(op: Pick<RelatedOp, 'kinds' | 'spec'>): string | null {
  return categoryOfKinds(op.kinds) ?? (op.kinds ? null : farCategory(op.spec));
}

function arrow(op: RelatedOp, from: string, rel: string, to: string): string {
  const types = relTypes(op);
  const target = op.kinds ? targetLabel(op.kinds) : (itemCategory(op) ?? 'Entity');
  return op.spec.direction === 'out' ? `(${from})-[${rel}:${types}]->(${to}:${target})` : `(${from})<-[${rel}:${types}]-(${to}:${target})`;
}

const indent = (lines: string[], pad = '  ') => lines.map((l) => pad + l);

/**
 * A node's (or relationship's) projection: the asked properties only (all when `properties` is asked).
 * `kind`, when the match already fixed it (one kind asked), is that parameter rather than a read.
 */
function projection(v: string, plan: Projection, kind: string | null = null): string {
  if (plan.all) return `properties(${v})`;
  return `${v} {${[...plan.props].map((p) => (p === 'kind' && kind ? `kind: ${kind}` : `.${p}`)).join(', ')}}`;
}

interface Expanded {
  /** CALL subqueries to run after the node is bound. */
  lines: string[];
  /** The expressions of the node's `pre` list, in the plan's order (shape.ts reads them so). */
  pre: string[];
}

/**
 * The category label every node of these kinds carries, when they share one (null: unknown). A child
 * found through such a kind filter is known to be of that category, so its own fields need not check
 * it again (one label check per child row saved).
 */
function categoryOfKinds(kinds: string[] | null): string | null {
  const categories = new Set((kinds ?? []).map((k) => (KINDS as Record<string, { category: string }>)[k]?.category));
  const [only] = categories;
  return categories.size === 1 && only ? only : null;
}

/**
 * What a node's type is known from: its category label, fixed by how it was matched; or a variable
 * holding its kind, read once where it was matched (a root found by id: its fields' type checks then
 * compare that variable instead of checking a label again, one read per check saved); or nothing.
 */
type Known = { category: string } | { kindVar: string } | null;

const categoryKnown = (category: string | null): Known => (category ? { category } : null);

/** The variables a subquery of `v` imports: `v`, and its kind when read into a variable. */
const scope = (v: string, known: Known) => (known && 'kindVar' in known ? `${v}, ${known.kindVar}` : v);

/** The check that the parent is of the field's type, unless its category is already known. */
function typeCheck(e: Emitter, v: string, type: string, known: Known): string[] {
  const l = label(type);
  if (known && 'kindVar' in known) return [`${known.kindVar} IN ${e.categoryKinds(l)}`];
  return known?.category === l ? [] : [`${v}:${l}`];
}

function expandRelated(e: Emitter, v: string, op: RelatedOp, index: number, known: Known): Expanded {
  const r = e.variable('r');
  const c = e.variable('n');
  const out = `f${index}_${c}`;
  // An empty list of kinds matches nothing: kept as a filter (the label cannot say it).
  const kinds = op.kinds?.length === 0 ? e.param(op.kinds) : null;
  const where = [...typeCheck(e, v, op.type, known), ...(kinds ? [`${c}.kind IN ${kinds}`] : [])];
  const child = expandEntity(e, c, op.child, categoryKnown(itemCategory(op)));
  const onlyKind = op.kinds?.length === 1 && !op.child.all && op.child.props.has('kind') ? e.param(op.kinds[0]) : null;
  const item = [
    projection(c, op.child, onlyKind),
    ...(op.rel ? [`type(${r})`] : []),
    ...(op.link ? [`properties(${r})`] : []),
    ...child.pre,
  ];
  const lines = [
    `CALL (${scope(v, known)}) {`,
    ...indent([
      `MATCH ${arrow(op, v, r, c)}`,
      ...(where.length > 0 ? [`WHERE ${where.join(' AND ')}`] : []),
      `WITH ${r}, ${c} ORDER BY ${c}.synthetic, ${c}.name, ${c}.id SKIP ${e.param(op.page.offset)} LIMIT ${e.param(op.page.limit)}`,
      ...child.lines,
      `RETURN collect([${item.join(', ')}]) AS ${out}`,
    ]),
    '}',
  ];
  const pre = [out];
  if (op.total && !op.kinds) {
    // No kind to check: the total is the parent's degree in those types, which the database answers
    // without reading a node. The far end needs no :Entity check: a model relationship joins entities
    // only (schema/model.ts RELATIONSHIP_TYPES, whose ends are entity categories).
    const check = typeCheck(e, v, op.type, known);
    const degree = `COUNT { ${op.spec.direction === 'out' ? `(${v})-[:${relTypes(op)}]->()` : `(${v})<-[:${relTypes(op)}]-()`} }`;
    pre.push(check.length > 0 ? `CASE WHEN ${check.join(' AND ')} THEN ${degree} ELSE 0 END` : degree);
  } else if (op.total) {
    const x = e.variable('x');
    const countWhere = [...typeCheck(e, v, op.type, known), ...(kinds ? [`${x}.kind IN ${kinds}`] : [])];
    const filter = countWhere.length > 0 ? ` WHERE ${countWhere.join(' AND ')}` : '';
    pre.push(`COUNT { MATCH ${arrow(op, v, '', x)}${filter} }`);
  }
  return { lines, pre };
}

/** Fragment expansions already made (the text depends only on the `// @use` line): made once per line. */
const expansions = new Map<string, string[]>();
function expanded(where: string, use: string): string[] {
  let lines = expansions.get(use);
  if (!lines) {
    lines = expandFragments(where, use).split('\n');
    if (expansions.size < 1000) expansions.set(use, lines);
  }
  return lines;
}

/**
 * An entity's pairings: the shared fragment (cypher/fragments/pairings-of.cypher, also used by the
 * pairing/list-pairings-of loader query), one row per parent.
 */
function expandPairings(e: Emitter, v: string, op: PairingsOp, index: number): Expanded {
  const out = `g${index}_${v}`;
  // The fragment returns one row (a collect with no grouping key), so the parent row stays.
  const use = `// @use pairings-of(${v}, ${e.param(op.kind)}, ${e.param(op.activeOn)}) -> ${out}`;
  // Of each pairing and its ends, only what was asked (an end not asked: an empty map).
  const r = e.variable('r');
  // A map projection needs a variable: each end is bound by a one-item comprehension.
  const end = (fn: string, plan: Projection | null) => {
    if (!plan) return [];
    const x = e.variable('x');
    return [`[${x} IN [${fn}(${r})] | ${projection(x, plan)}][0]`];
  };
  const item = [projection(r, op.pairing), ...end('startNode', op.partner), ...end('endNode', op.target)];
  return {
    lines: expanded(`compiled ${op.type}.pairings`, use),
    pre: [`[${r} IN ${out} | [${item.join(', ')}]]`],
  };
}

/**
 * A field answered by its batched loader's named query (loader-fields.ts), embedded for this parent:
 * its `$ids` is this parent's id, its other parameters the loader's own. Its rows are collected with no
 * grouping key, so the subquery returns one row (`[]` when the query returned none).
 */
function expandLoaded(e: Emitter, v: string, op: LoaderOp, index: number, known: Known): Expanded {
  if (op.fragment) return expandFieldFragment(e, v, op, op.fragment, index, known);
  const prepared = embeddable(op.query.name);
  if (!prepared) throw new Error(`compiled read: ${op.query.name} cannot be embedded`);
  const id = e.variable('pid');
  const out = `h${index}_${v}`;
  const named = new Map<string, string>();
  const text = prepared.text.replace(/\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g, (_m, p: string) => {
    if (p === 'ids') return `[${id}]`;
    if (!named.has(p)) named.set(p, e.param(op.query.params[p] ?? null));
    return named.get(p)!;
  });
  const lines = [
    `CALL (${scope(v, known)}) { // ${op.type}.${op.field}: cypher/${op.query.name}.cypher`,
    ...indent([
      // Asked under a type condition: for a parent of another type there is nothing to read.
      `WITH ${v}.id AS ${id}${typeCheck(e, v, op.type, known)
        .map((check) => ` WHERE ${check}`)
        .join('')}`,
      `CALL (${id}) {`,
      ...indent(text.trim().split('\n')),
      '}',
      // Positional: shape.ts names the columns again (loaderRows).
      `RETURN collect([${prepared.columns.join(', ')}]) AS ${out}`,
    ]),
    '}',
  ];
  return { lines, pre: [out] };
}

/**
 * A loader field answered by its hand-written field fragment (field-fragments.ts): the fragment's text
 * for this parent (its parameters the loader's, its `@project` marks the asked properties), and its one
 * row collected as the loader's query would give it, `[id, …its columns]`, so the loader shapes it.
 */
function expandFieldFragment(e: Emitter, v: string, op: LoaderOp, fragment: FieldFragment, index: number, known: Known): Expanded {
  const out = `h${index}_${v}`;
  const text = fieldFragmentText(
    fragment,
    op.query.params,
    (value) => e.param(value),
    (x) => {
      const asked = op.projections.get(x);
      return asked ? projection(x, asked) : '{}';
    },
  );
  const lines = [
    `CALL (${scope(v, known)}) { // ${op.type}.${op.field}: cypher/fields/${fragment.name}.cypher`,
    ...indent([
      // Asked under a type condition: for a parent of another type there is nothing to read.
      ...typeCheck(e, v, op.type, known).map((check) => `WITH ${v} WHERE ${check}`),
      `CALL (${v}) {`,
      ...indent([...(v === fragment.input ? [] : [`WITH ${v} AS ${fragment.input}`]), ...text.split('\n')]),
      '}',
      `RETURN collect([${v}.id, ${fragment.outputs.join(', ')}]) AS ${out}`,
    ]),
    '}',
  ];
  return { lines, pre: [out] };
}

function expandEntity(e: Emitter, v: string, plan: EntityPlan, known: Known = null): Expanded {
  const lines: string[] = [];
  const pre: string[] = [];
  plan.related.forEach((op, i) => {
    const x = expandRelated(e, v, op, i, known);
    lines.push(...x.lines);
    pre.push(...x.pre);
  });
  plan.pairings.forEach((op, i) => {
    const x = expandPairings(e, v, op, i);
    lines.push(...x.lines);
    pre.push(...x.pre);
  });
  plan.loaded.forEach((op, i) => {
    const x = expandLoaded(e, v, op, i, known);
    lines.push(...x.lines);
    pre.push(...x.pre);
  });
  return { lines, pre };
}

export type RootMatch = { by: 'id'; id: string } | { by: 'name'; name: string; type: string };

/** One query for one root entity and its plan; one row `{ node, pre }`, none when it does not exist. */
export function emitRoot(root: RootMatch, plan: EntityPlan): CompiledQuery {
  const e = new Emitter();
  const v = e.variable('n');
  // Found by id, its type is its kind's: read once (it is projected anyway), and every field's type
  // check compares it rather than checking a label.
  const kindVar = root.by === 'id' && !plan.all && plan.props.has('kind') ? `${v}_kind` : null;
  const match =
    root.by === 'id'
      ? [`MATCH (${v}:Entity {id: ${e.param(root.id)}})`, ...(kindVar ? [`WITH ${v}, ${v}.kind AS ${kindVar}`] : [])]
      : [
          `MATCH (${v}:Entity {name: ${e.param(root.name)}})`,
          `WHERE ${v}:${label(root.type)}`,
          `WITH ${v} ORDER BY ${v}.synthetic, ${v}.id LIMIT 1`,
        ];
  const known: Known = kindVar ? { kindVar } : root.by === 'name' ? { category: label(root.type) } : null;
  const body = expandEntity(e, v, plan, known);
  const text = [...match, ...body.lines, `RETURN ${projection(v, plan, kindVar)} AS node, [${body.pre.join(', ')}] AS pre`].join('\n');
  return { text, params: e.params };
}

/**
 * One query for a list root (organizations, industryChains): the root's own named query embedded as
 * it stands (its parameters the resolver's, recorded), then the plan of each entity it lists, found
 * again by id (all of `type`: the root's query matches them by its label). `column` holds the entities' properties: a list of them in the query's one row
 * (`list`), or one per row. Each row gains `pres`: `[{id, pre}]` for its entities.
 */
export function emitList(query: EmbeddedQuery, column: string, list: boolean, plan: EntityPlan, type: string): CompiledQuery {
  const prepared = embeddable(query.name, false);
  if (!prepared?.columns.includes(column)) throw new Error(`compiled read: ${query.name} cannot be embedded`);
  const e = new Emitter();
  const named = new Map<string, string>();
  const text = prepared.text.replace(/\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g, (_m, p: string) => {
    if (!named.has(p)) named.set(p, e.param(query.params[p] ?? null));
    return named.get(p)!;
  });
  const item = e.variable('item');
  const v = e.variable('n');
  const out = e.variable('pres');
  // The root's query lists entities of its type only (matched by its label): no field checks it again.
  const body = expandEntity(e, v, plan, { category: label(type) });
  const lines = [
    'CALL () {',
    ...indent(text.trim().split('\n')),
    '}',
    `CALL (${column}) {`,
    ...indent([
      list ? `UNWIND ${column} AS ${item}` : `WITH ${column} AS ${item}`,
      `MATCH (${v}:Entity {id: ${item}.id})`,
      ...body.lines,
      `RETURN collect({id: ${item}.id, pre: [${body.pre.join(', ')}]}) AS ${out}`,
    ]),
    '}',
    `RETURN ${prepared.columns.join(', ')}, ${out} AS pres`,
  ];
  return { text: lines.join('\n'), params: e.params };
}
