/**
 * The compiled read path wired into the schema (COMPILED_READS): the root fields it knows answer their
 * whole known selection with one query, and every field resolver first looks for an answer fetched
 * with its parent. A field the compiler did not plan has none and resolves through its loader, as
 * without the switch.
 *
 * Guards are unchanged: the cost estimate runs before execution, the root read runs inside the
 * request's database time budget (GraphStore.readCompiled uses withinBudget), and every resolver still
 * passes through request-budget.ts, so objects are counted the same way (an answer found on its parent
 * is counted without entering the budget's async context: it reads nothing).
 */
import type { FieldNode, GraphQLFieldResolver, GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import type { MercuriusContext, MercuriusLoaders } from 'mercurius';
import { graphql } from '../graphql-cjs.ts';
import { RELATED_FIELDS } from '../related-fields.ts';
import { ANSWERED, type Answered } from '../request-budget.ts';
import { idOrName } from '../services/areas.ts';
import { type CompiledQuery, emitList, emitRoot, type RootMatch } from './emit.ts';
import { embeddable, loaderQuery, shapeLoaded, stubStore } from './loader-fields.ts';
import { type EmbeddedQuery, type EntityPlan, planRoot, preloadKey } from './plan.ts';
import { entityOf, LoadedRows, PRELOADED, type Preloaded, withAnswers } from './shape.ts';

const { defaultFieldResolver, isObjectType } = graphql;

/** Root fields the compiler answers, with the type their object must be (null: any entity). */
const ROOTS: Record<string, { type: string | null; byName: boolean }> = {
  organization: { type: 'Organization', byName: true },
  place: { type: 'Place', byName: true },
  entity: { type: null, byName: false },
};

type Args = { id?: string | null; name?: string | null };

/**
 * List roots the compiler answers: the root's resolver is asked which named query it would run (with a
 * store that records and answers nothing), and that query is embedded with each listed entity's plan.
 * Only when it runs exactly that one query: with an `area`, the resolver first looks the area up, and
 * the root resolves as without the switch (its items' fields still compile per item where they can).
 */
const LIST_ROOTS: Record<string, { type: string; query: string; column: string; list: boolean; connection: boolean }> = {
  organizations: { type: 'Organization', query: 'organization/list-organizations', column: 'items', list: true, connection: true },
  industryChains: { type: 'IndustryChain', query: 'chain/list-chains', column: 'node', list: false, connection: false },
};

type Resolver = GraphQLFieldResolver<unknown, MercuriusContext>;
type Info = Parameters<Resolver>[3];

/** The context a resolver runs in, with the store replaced (the rest of the app as it is). */
function withStore(context: MercuriusContext, store: unknown): MercuriusContext {
  return { ...context, app: Object.create(context.app, { store: { value: store } }) } as MercuriusContext;
}

/** The selection sets of the entities a list root returns (a connection's nodes and edges' nodes). */
function entitySets(info: Info, connection: boolean) {
  if (!connection) return info.fieldNodes;
  return info.fieldNodes.flatMap((field) =>
    (field.selectionSet?.selections ?? []).flatMap((s) => {
      if (s.kind !== 'Field') return [];
      if (s.name.value === 'nodes') return [s];
      if (s.name.value !== 'edges') return [];
      return (s.selectionSet?.selections ?? []).filter((e) => e.kind === 'Field' && e.name.value === 'node');
    }),
  ) as Info['fieldNodes'];
}

export async function compiledList(
  name: string,
  args: unknown,
  context: MercuriusContext,
  info: Info,
  resolve: Resolver,
  loaders: MercuriusLoaders,
) {
  const root = LIST_ROOTS[name]!;
  // Fragments on the connection (… on OrganizationConnection) are not walked: left to the resolver.
  if (root.connection && info.fieldNodes.some((f) => f.selectionSet?.selections.some((s) => s.kind !== 'Field'))) return undefined;
  const asked: EmbeddedQuery[] = [];
  const recording = Promise.resolve()
    .then(() => resolve(undefined, args, withStore(context, stubStore([], asked)), info))
    .catch(() => undefined);
  await recording;
  const [query] = asked;
  if (asked.length !== 1 || query?.name !== root.query || !embeddable(query.name, false)) return undefined;
  const plan = planRoot(
    info.schema,
    entitySets(info, root.connection),
    info.fragments,
    info.variableValues,
    root.type,
    (type, field, fieldArgs) => loaderQuery(loaders, type, field, fieldArgs),
  );
  const rows = await context.app.store.readCompiled<Record<string, unknown> & { pres: { id: string; pre: unknown[] }[] }>(
    emitList(query, root.column, root.list, plan, root.type),
  );
  const pres = new Map(rows.flatMap((r) => r.pres.map((p) => [p.id, p.pre] as const)));
  const answer = await resolve(undefined, args, withStore(context, stubStore(rows, [])), info);
  const entities = (root.connection ? (answer as { nodes: Preloaded[] }).nodes : (answer as Preloaded[])) ?? [];
  for (const entity of entities) withAnswers(entity, pres.get(entity.id) ?? [], plan);
  return answer;
}

type Compiled = { match: RootMatch; plan: EntityPlan; query: CompiledQuery };

/**
 * Compiled roots, kept: a root's plan and query depend only on the schema (and its loaders), the
 * selection, the variables, the root's arguments and today's date (a loader may put today in its
 * parameters), never on who asks. Mercurius keeps parsed documents by their text, so the same question
 * brings the same selection nodes: kept by them, then by the rest, a few per selection. What is kept
 * is read only (the store converts the parameters into a new object).
 */
const compiledRoots = new WeakMap<GraphQLSchema, WeakMap<FieldNode, Map<string, Compiled>>>();
const KEPT_PER_SELECTION = 32;

export function compileRoot(
  field: string,
  args: Args,
  info: Pick<GraphQLResolveInfo, 'schema' | 'fieldNodes' | 'fragments' | 'variableValues'>,
  loaders: MercuriusLoaders,
): Compiled {
  let bySelection = compiledRoots.get(info.schema);
  if (!bySelection) {
    bySelection = new WeakMap();
    compiledRoots.set(info.schema, bySelection);
  }
  const [first] = info.fieldNodes;
  let kept = first ? bySelection.get(first) : undefined;
  const key = JSON.stringify([field, info.fieldNodes.length, info.variableValues, args, new Date().toISOString().slice(0, 10)]);
  const hit = kept?.get(key);
  if (hit) return hit;
  const root = ROOTS[field]!;
  const id = root.byName ? idOrName(args) : { id: String(args.id) };
  const match: RootMatch = 'id' in id ? { by: 'id', id: id.id } : { by: 'name', name: id.name, type: root.type! };
  const plan = planRoot(info.schema, info.fieldNodes, info.fragments, info.variableValues, root.type, (type, name, fieldArgs) =>
    loaderQuery(loaders, type, name, fieldArgs),
  );
  const compiled = { match, plan, query: emitRoot(match, plan) };
  if (first) {
    if (!kept) {
      kept = new Map();
      bySelection.set(first, kept);
    }
    if (kept.size >= KEPT_PER_SELECTION) kept.delete(kept.keys().next().value!);
    kept.set(key, compiled);
  }
  return compiled;
}

export async function compiledRoot(
  field: string,
  args: Args,
  context: MercuriusContext,
  info: Pick<GraphQLResolveInfo, 'schema' | 'fieldNodes' | 'fragments' | 'variableValues'>,
  loaders: MercuriusLoaders = {},
): Promise<Preloaded | null | undefined> {
  const root = ROOTS[field]!;
  const { match, plan, query } = compileRoot(field, args, info, loaders);
  const [row] = await context.app.store.readCompiled<{ node: Record<string, unknown>; pre: unknown[] }>(query);
  // An unknown name: undefined, so the usual resolver answers NOT_FOUND with the closest names.
  if (!row) return match.by === 'name' ? undefined : null;
  const object = entityOf(row.node, row.pre, plan);
  return root.type && object.__typename !== root.type ? null : object;
}

/** Whether two coerced argument objects are the same (scalars and lists of scalars, as the fields take). */
function sameArgs(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => {
    const x = a[k];
    const y = b[k];
    if (x === y) return true;
    return Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((v, i) => v === y[i]);
  });
}

/**
 * preloadKey for one field, remembering the last arguments it was asked with: sibling objects ask the
 * same field with the same arguments, so the key (a sort and a JSON text) is made once per run of them.
 */
function lastKey(field: string) {
  let last: { args: Record<string, unknown>; key: string } | null = null;
  return (args: Record<string, unknown>) => {
    if (last && sameArgs(last.args, args)) return last.key;
    last = { args, key: preloadKey(field, args) };
    return last.key;
  };
}

/**
 * Makes the schema use compiled answers: the known root fields compile (when `enabled`), and the
 * relationship, pairings and batched-loader fields return what their parent carries (a loader field's
 * rows shaped by its own loader). Call before the resolvers are wrapped for the request budget
 * (instrumentSchema), so the budget still sees every field.
 */
export function installCompiledReads(schema: GraphQLSchema, enabled: boolean, loaders: MercuriusLoaders = {}) {
  const query = schema.getQueryType();
  if (enabled && query) {
    for (const [name, field] of Object.entries(query.getFields())) {
      if (LIST_ROOTS[name]) {
        const resolve = (field.resolve ?? defaultFieldResolver) as Resolver;
        field.resolve = async (source, args, context, info) =>
          (await compiledList(name, args, context, info, resolve, loaders)) ?? resolve(source, args, context, info);
        continue;
      }
      if (!ROOTS[name]) continue;
      const resolve = (field.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, MercuriusContext>;
      field.resolve = async (source, args, context, info) => {
        const compiled = await compiledRoot(name, args as Args, context, info, loaders);
        return compiled === undefined ? resolve(source, args, context, info) : compiled;
      };
    }
  }
  const preloadable = new Set(Object.entries(RELATED_FIELDS).flatMap(([type, fields]) => Object.keys(fields).map((f) => `${type}.${f}`)));
  preloadable.add('Place.pairings');
  preloadable.add('Unit.pairings');
  for (const [type, fields] of Object.entries(loaders as Record<string, Record<string, unknown>>)) {
    for (const field of Object.keys(fields)) preloadable.add(`${type}.${field}`);
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    for (const [name, field] of Object.entries(type.getFields())) {
      if (!preloadable.has(`${type.name}.${name}`)) continue;
      const resolve = (field.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, MercuriusContext>;
      const prefix = `${type.name}.`;
      const keyOf = lastKey(name);
      // What the compiled query fetched for this field on this parent (undefined: nothing).
      const fetched = (source: unknown, args: Record<string, unknown>) => {
        const answers = (source as Preloaded | null)?.[PRELOADED];
        return answers?.get(prefix + keyOf(args));
      };
      // Already shaped: a plain read, which the request budget counts without entering its context.
      const answered: Answered = (source, args) => {
        const value = fetched(source, args);
        return value instanceof LoadedRows ? undefined : value;
      };
      const resolver: GraphQLFieldResolver<unknown, MercuriusContext> & { [ANSWERED]?: Answered } = (source, args, context, info) => {
        const value = fetched(source, args);
        if (value instanceof LoadedRows) return shapeLoaded(loaders, type.name, name, source as Preloaded, args, value.rows);
        if (value !== undefined) return value;
        return resolve(source, args, context, info);
      };
      resolver[ANSWERED] = answered;
      field.resolve = resolver;
    }
  }
}
