/**
 * What one GraphQL request may use while it runs: objects resolved (GRAPHQL_MAX_OBJECTS) and database
 * time (GRAPHQL_DB_BUDGET_MS). The estimate (server/query-cost.ts) bounds a request before it runs; this
 * bounds it while it runs, whatever the data holds. Every resolver that returns objects is wrapped
 * (instrumentSchema) to count them and to run inside the request's budget, which the store reads
 * (graph/graph-store.ts) to give each transaction only the time left.
 */
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import type { Config } from '../graph/config.ts';
import { ApiError } from '../graph/errors.ts';
import { type QueryBudget, runInBudget } from '../graph/query-budget.ts';
import { graphql } from './graphql-cjs.ts';

const { defaultFieldResolver, getNamedType, isCompositeType, isObjectType } = graphql;

export class RequestBudget implements QueryBudget {
  objects = 0;
  readonly deadline: number;

  constructor(
    readonly maxObjects: number,
    readonly dbBudgetMs: number,
  ) {
    this.deadline = Date.now() + dbBudgetMs;
  }

  /** Counts objects a resolver returned; refuses the request past the cap. */
  count(n: number) {
    this.objects += n;
    if (this.objects > this.maxObjects) {
      throw new ApiError(
        'RESPONSE_TOO_LARGE',
        `query: the answer grew past ${this.maxObjects} objects (GRAPHQL_MAX_OBJECTS); ask for smaller pages (first) or fewer nested lists`,
        { limit: this.maxObjects },
      );
    }
  }

  spent() {
    return new ApiError(
      'TIME_BUDGET_EXCEEDED',
      `query: used its database time of ${this.dbBudgetMs} ms (GRAPHQL_DB_BUDGET_MS) and was stopped; ask for less (a shorter maxLength, smaller depth or pages)`,
      { limit: this.dbBudgetMs },
    );
  }
}

export const newBudget = (config: Config) => new RequestBudget(config.GRAPHQL_MAX_OBJECTS, config.GRAPHQL_DB_BUDGET_MS);

const BUDGET = Symbol('request budget');

/** The per-request budget a GraphQL context carries. */
export const budgetContext = (config: Config) => ({ [BUDGET]: newBudget(config) });

const counted = (budget: RequestBudget, value: unknown) => {
  budget.count(Array.isArray(value) ? value.filter((v) => v != null).length : value == null ? 0 : 1);
  return value;
};

/**
 * Marks a resolver whose answer may already be on its parent (the compiled read path's preloaded
 * answers): `answered(source, args)` returns it, or undefined when the resolver must run. An answer
 * found there is a plain read of the parent object, so it is counted without entering the budget's
 * async context (which only matters for a resolver that reads the database).
 */
export const ANSWERED = Symbol('answered on the parent');

export type Answered = (source: unknown, args: Record<string, unknown>) => unknown;

type Resolver = GraphQLFieldResolver<unknown, Record<symbol, unknown>> & { [ANSWERED]?: Answered };

/**
 * Wraps the resolver of every field that returns objects (and every root field): it runs inside the
 * request's budget and its objects are counted. Scalar fields are left alone (they cost nothing apart).
 * A field with no resolver of its own whose value on the parent is not a function (the default
 * resolver's plain property read, e.g. a connection's `nodes`), and a field answered on its parent
 * (ANSWERED), read nothing: they are counted only.
 */
export function instrumentSchema(schema: GraphQLSchema) {
  const roots = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name]);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!isCompositeType(getNamedType(field.type)) && !roots.has(type.name)) continue;
      const own = field.resolve as Resolver | undefined;
      const resolve: Resolver = own ?? defaultFieldResolver;
      const answered = own?.[ANSWERED];
      const isRoot = roots.has(type.name);
      const name = field.name;
      field.resolve = (source, args, context, info) => {
        const budget = context?.[BUDGET] as RequestBudget | undefined;
        if (!budget) return resolve(source, args, context, info);
        if (!own && !isRoot && source !== null && typeof source === 'object') {
          const value = (source as Record<string, unknown>)[name];
          if (typeof value !== 'function' && !(value instanceof Promise)) return counted(budget, value);
        }
        if (answered) {
          const value = answered(source, args);
          if (value !== undefined) return counted(budget, value);
        }
        return runInBudget(budget, () => {
          const result = resolve(source, args, context, info);
          return result instanceof Promise ? result.then((value) => counted(budget, value)) : counted(budget, result);
        });
      };
    }
  }
}
