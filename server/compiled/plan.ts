/**
 * The compiled read path, step 1: a GraphQL selection walked into a typed plan. Fragments, inline
 * fragments, aliases, variables and @include/@skip are resolved here, so the emitter sees only what
 * the answer needs: which stored properties to project and which fields to fetch in the same query.
 *
 * Only what the compiler knows is planned: the entity's own properties, the relationship fields of
 * RELATED_FIELDS (server/related-fields.ts), the pairings field (only the pairing properties and ends
 * asked for), and every field served by a batched loader whose named query can be embedded (its
 * query and parameters are the loader's own, recorded by `Walk.loaderQuery`, see loader-fields.ts).
 * Every other field is left out of the plan and resolves as it always has (its loader), per field, on
 * the objects the query returned. A loader field with a hand-written field fragment
 * (cypher/fields/, field-fragments.ts) embeds that instead of the loader's query: the same columns, only
 * the asked properties.
 */
import type { FieldNode, FragmentDefinitionNode, GraphQLField, GraphQLSchema, SelectionSetNode } from 'graphql';
import type { FieldFragment } from '../../graph/cypher-queries.ts';
import { optionalDateArg } from '../args.ts';
import { graphql } from '../graphql-cjs.ts';
import { type Page, pageArgs } from '../paging.ts';
import { effectiveKinds, RELATED_FIELDS, RELATED_LIST_MAX, type RelatedField } from '../related-fields.ts';
import { itemCategory, LABEL_OF_TYPE } from './emit.ts';
import { fieldFragmentFor, type ProjectItem, projectSpecs, unionProjection } from './field-fragments.ts';
import { embeddable } from './loader-fields.ts';

const { getArgumentValues, getDirectiveValues, GraphQLIncludeDirective, GraphQLSkipDirective, isObjectType } = graphql;

/** Stored properties that are fields of their own (entity-mapper.ts); `sources` is two of them. */
const PROPERTY_FIELDS: Record<string, string[]> = {
  id: ['id'],
  name: ['name'],
  // The name when there is no display name (entity-mapper.ts toEntity).
  displayName: ['displayName', 'name'],
  nameEn: ['nameEn'],
  kind: ['kind'],
  synthetic: ['synthetic'],
  holder: ['holder'],
  siteType: ['siteType'],
  basis: ['basis'],
  basisNote: ['basisNote'],
  sources: ['sourceDocuments', 'sourceQuotes'],
};

/**
 * Projected when a field of the object resolves through its own resolver (not compiled): the object's
 * identity and what every such resolver may read. When every field asked is compiled, only the asked
 * properties and `kind` (which decides the object's type) travel.
 */
const ALWAYS = ['id', 'kind', 'name', 'synthetic'];

/** The entity types whose pairings the compiler fetches (both served by one loader today). */
const PAIRING_TYPES = new Set(['Place', 'Unit']);

export interface EntityPlan {
  /**
   * The GraphQL type the match fixes (a related field's items of one category: itemCategory in
   * emit.ts), or null: the type follows the node's `kind`, which is then always projected.
   */
  typename: string | null;
  /** Stored property keys to project; `all` projects every property (the `properties` field). */
  props: Set<string>;
  all: boolean;
  related: RelatedOp[];
  pairings: PairingsOp[];
  loaded: LoaderOp[];
}

/** What of a node is projected: its asked properties, or all of them. */
export interface Projection {
  props: Set<string>;
  all: boolean;
}

/** A field whose batched loader's named query is embedded (its rows are shaped by the loader itself). */
export interface LoaderOp {
  key: string;
  type: string;
  field: string;
  args: Record<string, unknown>;
  query: EmbeddedQuery;
  /** The columns of each row, as the loader reads them. */
  columns: string[];
  /** The field fragment embedded in place of the query (field-fragments.ts), or null: the query itself. */
  fragment: FieldFragment | null;
  /** What the selection asks of each of the fragment's `@project` variables (null: nothing). */
  projections: Map<string, Projection | null>;
}

/** A batched loader's named query, as it would run for one parent (`$ids` is that parent's id). */
export interface EmbeddedQuery {
  name: string;
  params: Record<string, unknown>;
}

export interface RelatedOp {
  /** Where the resolver finds the answer on its parent object (see preloadKey). */
  key: string;
  /** The GraphQL type the field belongs to (the parent must be of it). */
  type: string;
  spec: RelatedField;
  kinds: string[] | null;
  page: Page;
  /** The total is asked (totalCount, or pageInfo which needs it). */
  total: boolean;
  /** The relationship's own properties are asked (edges, parentLink). */
  link: boolean;
  /** The relationship's type is asked (an edge's `relationship`). */
  rel: boolean;
  child: EntityPlan;
}

export interface PairingsOp {
  key: string;
  type: string;
  kind: string | null;
  activeOn: string | null;
  /** The pairing's own properties asked for, and of its two ends (null: not asked). */
  pairing: Projection;
  partner: Projection | null;
  target: Projection | null;
}

/** The stored pairing properties each Pairing field reads (server/services/pairings.ts pairingObject). */
const PAIRING_FIELDS: Record<string, string[]> = {
  __typename: [],
  id: ['id'],
  kind: ['kind'],
  programme: ['programme'],
  status: ['status', 'validTo'],
  validFrom: ['validFrom'],
  validTo: ['validTo'],
  reason: ['reason'],
  replaces: ['replaces'],
  sources: ['sourceDocuments', 'sourceQuotes'],
  basis: ['basis'],
  basisNote: ['basisNote'],
  synthetic: ['synthetic'],
  activeOn: ['validFrom', 'validTo'],
};

/** The name under which a field's compiled answer is kept: the field and its (coerced) arguments. */
export function preloadKey(field: string, args: Record<string, unknown>): string {
  const sorted = Object.keys(args)
    .sort()
    .map((k) => [k, args[k]]);
  return `${field}${JSON.stringify(sorted)}`;
}

export interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** The named query a batched loader field would run for one parent; null when it is not embeddable. */
  loaderQuery?: (type: string, field: string, args: Record<string, unknown>) => EmbeddedQuery | null;
}

function included(walk: Walk, node: FieldNode | { directives?: FieldNode['directives'] }): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node as FieldNode, walk.variables);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node as FieldNode, walk.variables);
  return include?.if !== false;
}

/** A selected field with the concrete type it applies to (null: any type of the abstract parent). */
interface Selected {
  type: string | null;
  node: FieldNode;
}

/**
 * The fields of a selection set, through fragments and type conditions, as execution sees them (@skip and
 * @include applied). Also what resolvers/coverage.ts reads a question's selection with.
 */
export function gather(walk: Walk, set: SelectionSetNode | undefined, type: string | null, out: Selected[] = []): Selected[] {
  for (const selection of set?.selections ?? []) {
    if (!included(walk, selection)) continue;
    if (selection.kind === 'Field') {
      out.push({ type, node: selection });
      continue;
    }
    const fragment = selection.kind === 'FragmentSpread' ? walk.fragments[selection.name.value] : selection;
    if (!fragment) continue;
    const condition = fragment.typeCondition?.name.value;
    const conditionType = condition ? walk.schema.getType(condition) : undefined;
    let applies = type;
    if (conditionType && isObjectType(conditionType)) {
      if (type !== null && type !== condition) continue; // never true here
      applies = condition!;
    }
    gather(walk, fragment.selectionSet, applies, out);
  }
  return out;
}

function fieldDef(walk: Walk, type: string, name: string): GraphQLField<unknown, unknown> | undefined {
  const t = walk.schema.getType(type);
  return t && isObjectType(t) ? t.getFields()[name] : undefined;
}

/** Arguments as the resolver will see them; undefined when they are invalid (the resolver reports it). */
function argsOf(walk: Walk, type: string, node: FieldNode): Record<string, unknown> | undefined {
  const def = fieldDef(walk, type, node.name.value);
  if (!def) return undefined;
  try {
    return getArgumentValues(def, node, walk.variables);
  } catch {
    return undefined;
  }
}

function emptyPlan(typename: string | null = null): EntityPlan {
  return { typename, props: new Set(), all: false, related: [], pairings: [], loaded: [] };
}

/** The GraphQL type of the entities of a category label (LABEL_OF_TYPE turned round). */
const TYPE_OF_LABEL = new Map(Object.entries(LABEL_OF_TYPE).map(([type, label]) => [label, type]));

/** What a Pairing selection reads of the pairing and of its ends. */
function planPairing(walk: Walk, set: SelectionSetNode | undefined, into: PairingsOp) {
  for (const { node } of gather(walk, set, 'Pairing')) {
    const name = node.name.value;
    if (name === 'partner' || name === 'target') {
      const end = planEntity(walk, [node.selectionSet], null);
      const was = into[name];
      into[name] = { props: new Set([...(was?.props ?? []), ...end.props]), all: (was?.all ?? false) || end.all };
      continue;
    }
    const keys = PAIRING_FIELDS[name];
    if (!keys) into.pairing.all = true; // a field this table does not know yet: every property
    for (const key of keys ?? []) into.pairing.props.add(key);
  }
}

/**
 * The plan for an entity selection. `type` is the concrete type when known (a root field's type),
 * else null: the fields of inline fragments then apply to their own type only. `typed`: the match
 * fixes the type (a related field's items of one category), so `kind` is read only when asked.
 */
export function planEntity(walk: Walk, sets: (SelectionSetNode | undefined)[], type: string | null, typed = false): EntityPlan {
  const plan = emptyPlan(typed ? type : null);
  const selected = sets.flatMap((set) => gather(walk, set, type));
  // The same field with the same arguments, asked twice (aliases, fragments), is fetched once with
  // the union of what was asked under it.
  const relatedByKey = new Map<string, { op: RelatedOp; childSets: (SelectionSetNode | undefined)[]; shapeSets: Selected[] }>();
  // A field left to its resolver, or a loader field shaped by its loader from an embedded query, needs
  // the object's identity and what such resolvers read (ALWAYS). A loader field answered by a field
  // fragment ('byId') needs only the id its loader finds the parent's rows by: those loaders read
  // nothing else of the parent (tests/unit/compiled-cypher.test.ts holds every one to it).
  let fallback = false;
  let byId = false;
  for (const { type: applies, node } of selected) {
    let planned: boolean | 'byId' = false;
    try {
      planned = planField(applies, node);
    } finally {
      if (planned === false) fallback = true;
      if (planned === 'byId') byId = true;
    }
  }
  function planField(applies: string | null, node: FieldNode): boolean | 'byId' {
    const name = node.name.value;
    if (name === '__typename') return true;
    if (PROPERTY_FIELDS[name]) {
      for (const key of PROPERTY_FIELDS[name]) plan.props.add(key);
      return true;
    }
    if (name === 'properties') {
      plan.all = true;
      return true;
    }
    if (applies === null) return false;
    if (name === 'pairings' && PAIRING_TYPES.has(applies)) {
      const args = argsOf(walk, applies, node);
      if (!args) return false;
      let activeOn: string | null;
      try {
        activeOn = optionalDateArg('activeOn', args.activeOn as string | null | undefined);
      } catch {
        return false;
      }
      const key = preloadKey(name, args);
      let op = plan.pairings.find((p) => p.key === key && p.type === applies);
      if (!op) {
        op = {
          key,
          type: applies,
          kind: (args.kind as string | null | undefined) ?? null,
          activeOn,
          pairing: { props: new Set(), all: false },
          partner: null,
          target: null,
        };
        plan.pairings.push(op);
      }
      planPairing(walk, node.selectionSet, op);
      return true;
    }
    const spec = RELATED_FIELDS[applies]?.[name];
    if (!spec) {
      // The loader shapes its rows for the parent it finds by id.
      const args = walk.loaderQuery ? argsOf(walk, applies, node) : undefined;
      const key = args ? preloadKey(name, args) : '';
      let op = args ? plan.loaded.find((l) => l.key === key && l.type === applies) : undefined;
      if (args && !op) {
        const query = walk.loaderQuery!(applies, name, args);
        const columns = query ? embeddable(query.name)?.columns : undefined;
        if (query && columns) {
          const fragment = fieldFragmentFor(applies, name, query, columns);
          op = {
            key,
            type: applies,
            field: name,
            args,
            query,
            columns: fragment ? ['id', ...fragment.outputs] : columns,
            fragment,
            projections: new Map(),
          };
          plan.loaded.push(op);
        }
      }
      // The same field asked twice (aliases, fragments): the union of what each asks.
      if (op?.fragment) {
        for (const [v, items] of projectSpecs(op.fragment)) {
          op.projections.set(v, unionProjection(op.projections.get(v) ?? null, projectionOf(walk, node.selectionSet, items)));
        }
      }
      return op?.fragment ? 'byId' : false;
    }
    const args = argsOf(walk, applies, node);
    if (!args) return false;
    let kinds: string[] | null;
    let page: Page;
    try {
      kinds = effectiveKinds(spec, args);
      page = spec.shape === 'connection' ? pageArgs(args) : { offset: 0, limit: spec.max ?? RELATED_LIST_MAX };
    } catch {
      return false; // the loader reports the bad argument, where the user asked it
    }
    const key = `${applies}.${preloadKey(name, args)}`;
    const found = relatedByKey.get(key) ?? {
      op: { key: preloadKey(name, args), type: applies, spec, kinds, page, total: false, link: false, rel: false, child: emptyPlan() },
      childSets: [],
      shapeSets: [],
    };
    relatedByKey.set(key, found);
    if (spec.shape === 'single' || spec.shape === 'list') {
      found.childSets.push(node.selectionSet);
      return true;
    }
    // A connection or an edge: its own fields say what the items need.
    const inner = gather(walk, node.selectionSet, null);
    for (const { node: f } of inner) {
      const n = f.name.value;
      if (n === 'totalCount' || n === 'pageInfo') found.op.total = true;
      if (n === 'nodes') found.childSets.push(f.selectionSet);
      if (n === 'node') found.childSets.push(f.selectionSet); // an edge's own node (parentLink)
      if (n === 'sources' || n === 'basis' || n === 'basisNote') found.op.link = true;
      if (n === 'relationship') found.op.rel = true;
      if (n === 'edges') {
        for (const { node: e } of gather(walk, f.selectionSet, null)) {
          const en = e.name.value;
          if (en === 'node') found.childSets.push(e.selectionSet);
          if (en === 'sources' || en === 'basis' || en === 'basisNote') found.op.link = true;
          if (en === 'relationship') found.op.rel = true;
        }
      }
    }
    return true;
  }
  for (const { op, childSets } of relatedByKey.values()) {
    const category = itemCategory(op);
    const typename = category ? (TYPE_OF_LABEL.get(category) ?? null) : null;
    op.child = planEntity(walk, childSets, typename, typename !== null);
    plan.related.push(op);
  }
  // A type fixed by the match needs no `kind` to resolve it (shape.ts entityOf).
  const needed = fallback ? ALWAYS : [...(byId ? ['id'] : []), ...(plan.typename ? [] : ['kind'])];
  for (const key of needed) plan.props.add(key);
  return plan;
}

/** The selection sets at a path of field names under `set` (one per occurrence; a leaf's is undefined). */
function selectionsAt(walk: Walk, set: SelectionSetNode | undefined, path: string[]): (SelectionSetNode | undefined)[] {
  let sets = [set];
  for (const name of path) {
    sets = sets.flatMap((s) =>
      gather(walk, s, null)
        .filter(({ node }) => node.name.value === name)
        .map(({ node }) => node.selectionSet),
    );
  }
  return sets;
}

/**
 * What a field fragment's `@project` spec asks of its variable in this selection: the asked properties of
 * its entity selections (with the identity every self-resolving field reads, when one of their fields
 * is not a plain property: it resolves through its own loader), and the properties of its asked fields.
 */
function projectionOf(walk: Walk, set: SelectionSetNode | undefined, items: ProjectItem[]): Projection | null {
  let out: Projection | null = null;
  for (const item of items) {
    const found = selectionsAt(walk, set, item.path);
    if (found.length === 0) continue;
    if (item.props) {
      out = unionProjection(out, { props: new Set(item.props), all: false });
      continue;
    }
    const child = planEntity(walk, found, null);
    if (child.related.length + child.pairings.length + child.loaded.length > 0) for (const key of ALWAYS) child.props.add(key);
    out = unionProjection(out, { props: child.props, all: child.all });
  }
  return out;
}

/** The plan of one root field's selection (its arguments are the root's business). */
export function planRoot(
  schema: GraphQLSchema,
  fieldNodes: readonly FieldNode[],
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  type: string | null,
  loaderQuery?: Walk['loaderQuery'],
): EntityPlan {
  return planEntity(
    { schema, fragments, variables, loaderQuery },
    fieldNodes.map((n) => n.selectionSet),
    type,
  );
}
