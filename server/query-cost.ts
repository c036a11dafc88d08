/**
 * What a GraphQL request may cost, estimated before anything runs: the most objects its answer can hold.
 * Each selection of an object counts once per time it can be resolved, and a list multiplies what is
 * selected inside it by its size bound, so the estimate is the product of page sizes along each path,
 * summed over the paths. GraphQL Armor's cost rule priced unpaged lists as one object and read `first`
 * only from literals; this one reads it from literals, variables and argument defaults, follows named
 * and inline fragments, and prices every list:
 * - a connection (a field with `first`): its `nodes`/`edges` by `first`;
 * - a field with `limit` (neighbourhood, hierarchy): its nodes by `limit`, its edges by EDGES_PER_NODE × limit;
 * - a field with `ids` (entities): by its distinct ids;
 * - any other list by LIST_BOUNDS, which the resolvers enforce (server/related-fields.ts cuts a plain
 *   related list at RELATED_LIST_MAX), else by MAX_PAGE.
 */

import type {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLField,
  GraphQLNamedType,
  GraphQLSchema,
  GraphQLType,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import stableStringify from 'safe-stable-stringify';
import { ApiError } from '../graph/errors.ts';
import { MAX_PAGE } from './args.ts';
import { graphql } from './graphql-cjs.ts';
import { RELATED_FIELDS, RELATED_LIST_MAX } from './related-fields.ts';

const { Kind, getNamedType, getNullableType, isListType, isAbstractType, isObjectType, isInterfaceType, valueFromAST } = graphql;

/** Edges a graph answer may hold per node it holds (neighbourhood, hierarchy, coverage elements). */
export const EDGES_PER_NODE = 3;

/**
 * Size bounds of the lists that take no page size, by Type.field. Each is a fact of the model (an
 * organization's chain of command is at most a dozen levels) or a cut the resolver makes; related lists
 * (server/related-fields.ts) are cut at RELATED_LIST_MAX and need no entry. Lists not named here are
 * priced at MAX_PAGE.
 */
const LIST_BOUNDS: Record<string, number> = {
  'Organization.ancestors': 12,
  'Place.ancestors': 12,
  'Organization.descendantCounts': 40,
  'Organization.people': 50,
  'Person.positions': 50,
  'IndustryChain.leaders': 10,
  'Query.industryChains': 100,
  /** A village's or an enterprise's pairings over time: a handful each. */
  'Place.pairings': 50,
  'Unit.pairings': 50,
  /** A move's parents before and after: an organization reports to one parent, a handful at most. */
  'OrganizationMove.from': 12,
  'OrganizationMove.to': 12,
  'Query.kinds': 40,
  'Query.findingRules': 40,
  /** Alternative paths: k is at most 5 (server/services/paths.ts MAX_ALTERNATIVES), each of at most 10 steps. */
  'Query.paths': 5,
  'PathAnswer.steps': 10,
  'Coverage.byArea': 200,
  /** One entry per pairing kind (schema/model.ts PAIRING_KINDS). */
  'SubdistrictRank.byKind': 3,
  'Findings.byRule': 40,
  'GraphSummary.byLabel': 40,
  'GraphSummary.byType': 40,
  /** A user's saved views (cypher/views/list-views.cypher keeps the newest 200) and what each holds
   *  (server/resolvers/saved-views.ts refuses more on save). */
  'Query.savedViews': 200,
  'SavedView.pinned': 500,
  'SavedView.positions': 5000,
  /** Provenance and stated attributes: a handful per entity or link. */
  sources: 10,
  properties: 50,
  claims: 50,
};

/** Element lists of a graph answer, priced by the `limit` of the field that made it. */
const GRAPH_LISTS: Record<string, number> = { nodes: 1, edges: EDGES_PER_NODE };
/** Fixed limits of graph answers that take none (network.ts's coverageElements cuts at 5000 nodes). */
const FIXED_LIMITS: Record<string, number> = { 'Query.coverageElements': 5000, 'PathAnswer.elements': 11 };

type Variables = Record<string, unknown>;

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Variables;
}

function argumentValue(walk: Walk, field: GraphQLField<unknown, unknown>, node: FieldNode, name: string): unknown {
  const definition = field.args.find((a) => a.name === name);
  if (!definition) return undefined;
  const given = node.arguments?.find((a) => a.name.value === name);
  if (!given) return definition.defaultValue;
  if (given.value.kind === Kind.VARIABLE) {
    const value = walk.variables[given.value.name.value];
    return value === undefined ? definition.defaultValue : value;
  }
  return valueFromAST(given.value, definition.type, walk.variables);
}

/** A whole number from an argument, or the worst case when it is not one (it is refused later anyway). */
const sizeOf = (value: unknown, worst: number) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? Math.min(value, worst) : worst;

function listBound(walk: Walk, parent: GraphQLNamedType, field: GraphQLField<unknown, unknown>, node: FieldNode, inherited: number | null) {
  const first = argumentValue(walk, field, node, 'first');
  if (first !== undefined) return sizeOf(first, MAX_PAGE);
  const ids = argumentValue(walk, field, node, 'ids');
  if (Array.isArray(ids)) return new Set(ids).size;
  if (inherited !== null) return inherited;
  const key = `${parent.name}.${field.name}`;
  if (LIST_BOUNDS[key] !== undefined) return LIST_BOUNDS[key];
  const related = RELATED_FIELDS[parent.name]?.[field.name];
  if (related) return related.max ?? RELATED_LIST_MAX;
  if (isInterfaceType(parent) && relatedOnImplementations(walk.schema, parent.name, field.name)) return RELATED_LIST_MAX;
  return LIST_BOUNDS[field.name] ?? MAX_PAGE;
}

function relatedOnImplementations(schema: GraphQLSchema, iface: string, field: string) {
  const type = schema.getType(iface);
  if (!type || !isAbstractType(type)) return false;
  return schema.getPossibleTypes(type).every((t) => RELATED_FIELDS[t.name]?.[field] !== undefined);
}

/**
 * The page a field hands to the lists inside it: `first` to a connection's nodes and edges, `limit`
 * to a graph answer's nodes (and its edges, EDGES_PER_NODE times).
 */
function pageFor(walk: Walk, parent: GraphQLNamedType, field: GraphQLField<unknown, unknown>, node: FieldNode): number | null {
  if (isListType(getNullableType(field.type))) return null;
  const first = argumentValue(walk, field, node, 'first');
  if (first !== undefined) return sizeOf(first, MAX_PAGE);
  const limit = argumentValue(walk, field, node, 'limit');
  if (limit !== undefined) return sizeOf(limit, 5000);
  return FIXED_LIMITS[`${parent.name}.${field.name}`] ?? null;
}

function fieldOf(type: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
}

/** Objects a selection set can resolve, each counted `times` times. */
function costOf(walk: Walk, selections: SelectionSetNode, type: GraphQLNamedType, page: number | null, seen: Set<string>): number {
  let total = 0;
  for (const selection of selections.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : type;
      total += costOf(walk, selection.selectionSet, on ?? type, page, seen);
    } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = walk.fragments.get(selection.name.value);
      // A cycle is refused by GraphQL's own NoFragmentCycles rule; never loop on one here.
      if (!fragment || seen.has(fragment.name.value)) continue;
      const on = walk.schema.getType(fragment.typeCondition.name.value) ?? type;
      total += costOf(walk, fragment.selectionSet, on, page, new Set([...seen, fragment.name.value]));
    } else {
      const field = fieldOf(type, selection.name.value);
      if (!field || !selection.selectionSet) continue;
      const list = isListType(getNullableType(field.type as GraphQLType));
      const inherited = list && GRAPH_LISTS[field.name] !== undefined && page !== null ? page * (GRAPH_LISTS[field.name] ?? 1) : null;
      const times = list
        ? listBound(walk, type, field, selection, inherited ?? (field.name === 'nodes' || field.name === 'edges' ? page : null))
        : 1;
      if (times === 0) continue;
      const inner = costOf(walk, selection.selectionSet, getNamedType(field.type), pageFor(walk, type, field, selection), seen);
      total += times * (1 + inner);
    }
    if (total > Number.MAX_SAFE_INTEGER / 1e6) return total;
  }
  return total;
}

/** The estimated cost of each operation of a document (the executed one is among them). */
export function estimateCost(schema: GraphQLSchema, document: DocumentNode, variables: Variables = {}): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const walk: Walk = { schema, fragments, variables };
  let worst = 0;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const operation = definition as OperationDefinitionNode;
    const root =
      operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? null : schema.getQueryType();
    if (!root) continue;
    worst = Math.max(worst, costOf(walk, operation.selectionSet, root, null, new Set()));
  }
  return Math.ceil(worst);
}

/** Estimates kept per document and variables (a document's variants beyond this are estimated anew). */
const VARIANTS_KEPT = 64;

/**
 * estimateCost remembered per schema, parsed document and variables. The
 * estimate is a pure function of the schema, the document and the variables, and Mercurius hands the
 * same document object for the same text (its parse/validate cache), so a document asked again with
 * the same variables costs what it cost before: the walk runs once instead of on every request. The
 * check against the limit and the charge to the caller still happen on every request (server/graphql.ts).
 * Documents are held weakly: one that leaves Mercurius's cache leaves this one.
 */
export function costCache(estimate: typeof estimateCost = estimateCost) {
  const bySchema = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, number>>>();
  return (schema: GraphQLSchema, document: DocumentNode, variables: Variables = {}): number => {
    let byDocument = bySchema.get(schema);
    if (!byDocument) {
      byDocument = new WeakMap();
      bySchema.set(schema, byDocument);
    }
    // The variables as JSON with every object's keys sorted: the same values sent in another key order
    // are the same question (plain JSON.stringify keeps the order they were sent in, and missed).
    const key = stableStringify(variables);
    let known = byDocument.get(document);
    const cost = known?.get(key);
    if (cost !== undefined) return cost;
    const fresh = estimate(schema, document, variables);
    if (!known) {
      known = new Map();
      byDocument.set(document, known);
    }
    if (known.size >= VARIANTS_KEPT) known.clear();
    known.set(key, fresh);
    return fresh;
  };
}

/** Refuses a request whose estimate is over the limit, saying the limit and how to get under it. */
export function checkCost(cost: number, maxCost: number) {
  if (cost <= maxCost) return;
  throw new ApiError(
    'QUERY_TOO_COMPLEX',
    `query: its answer could hold ${cost.toLocaleString('en')} objects, over the limit of ${maxCost} (GRAPHQL_MAX_COST); ` +
      'every list counts as its page size (first, or its default) times what it holds: ask for smaller pages (first), ' +
      'fewer nested lists, or split the query',
    { cost, limit: maxCost },
  );
}
