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
 * Wraps the resolver of every field that returns objects (and every root field): it runs inside the
 * request's budget and its objects are counted. Scalar fields are left alone (they cost nothing apart).
 */
export function instrumentSchema(schema: GraphQLSchema) {
  const roots = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name]);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!isCompositeType(getNamedType(field.type)) && !roots.has(type.name)) continue;
      const resolve: GraphQLFieldResolver<unknown, Record<symbol, unknown>> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        const budget = context?.[BUDGET] as RequestBudget | undefined;
        if (!budget) return resolve(source, args, context, info);
        return runInBudget(budget, () => {
          const result = resolve(source, args, context, info);
          return result instanceof Promise ? result.then((value) => counted(budget, value)) : counted(budget, result);
        });
      };
    }
  }
}
