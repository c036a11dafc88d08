/**
 * Who may use which GraphQL fields. The /graphql route already needs `read` (auth/plugin.ts), so only
 * the exceptions are listed: mutations need `write` (mercurius-auth, external policy, so the SDL stays
 * free of auth directives), and who made a change (any `actor` field) is shown only to roles with
 * `readHistory` — others see null rather than an error per row.
 */
import type { FastifyInstance } from 'fastify';
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import type { MercuriusContext } from 'mercurius';
import mercuriusAuthModule from 'mercurius-auth';
import { ApiError, forbidden } from '../../graph/errors.ts';
import { graphql } from '../graphql-cjs.ts';
import { ACCOUNT_FIELD_POLICY } from '../resolvers/accounts.ts';
import { SAVED_VIEW_FIELD_POLICY } from '../resolvers/saved-views.ts';
import { can, type Permission } from './principal.ts';

// mercurius-auth is CommonJS (`module.exports = plugin`) but its types declare `export default`; under
// NodeNext the default import is the plugin at run time and the namespace to the compiler.
const mercuriusAuth = mercuriusAuthModule as unknown as typeof mercuriusAuthModule.default;

/**
 * The mutations that need something other than `write`: account management, administrators only; saved
 * views, the caller's own records, every signed-in role (resolvers/saved-views.ts). A type policy would
 * apply on top of a field's (mercurius-auth wraps both), so each mutation gets exactly one policy.
 */
const MUTATION_EXCEPTIONS: Record<string, Permission> = { ...ACCOUNT_FIELD_POLICY.Mutation, ...SAVED_VIEW_FIELD_POLICY.Mutation };

/** The policy for a schema: every mutation by name, `write` unless excepted (so a new one is denied by default). */
export function fieldPolicy(schema: GraphQLSchema): Record<string, Record<string, Permission>> {
  const mutations = Object.keys(schema.getMutationType()?.getFields() ?? {});
  return {
    Mutation: Object.fromEntries(mutations.map((name) => [name, MUTATION_EXCEPTIONS[name] ?? 'write'])),
    Query: ACCOUNT_FIELD_POLICY.Query,
  };
}

/** The field that names who did something: null unless the caller may read the change log's actors. */
const ACTOR_FIELD = 'actor';

/**
 * Wraps every actor field's resolver so it yields null for callers without `readHistory`, and refuses
 * an `actor` argument (a filter such as changes(actor:)) to them: an exact-match filter would tell them,
 * by its count, who made a change that the redacted field hides.
 */
export function redactActors(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!graphql.isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.some((arg) => arg.name === ACTOR_FIELD)) {
        const resolve: GraphQLFieldResolver<unknown, MercuriusContext> = field.resolve ?? graphql.defaultFieldResolver;
        field.resolve = (source, args: Record<string, unknown>, context: MercuriusContext, info) => {
          if (args[ACTOR_FIELD] != null && !can(context.principal, 'readHistory')) {
            throw forbidden(
              ACTOR_FIELD,
              `the ${context.principal?.role ?? 'anonymous'} role may not filter by who made a change (needs readHistory)`,
            );
          }
          return resolve(source, args, context, info);
        };
      }
      if (field.name !== ACTOR_FIELD || !graphql.isLeafType(graphql.getNamedType(field.type))) continue;
      const resolve: GraphQLFieldResolver<unknown, MercuriusContext> = field.resolve ?? graphql.defaultFieldResolver;
      field.resolve = (source, args, context: MercuriusContext, info) =>
        can(context.principal, 'readHistory') ? resolve(source, args, context, info) : null;
    }
  }
}

export async function registerFieldPolicy(app: FastifyInstance) {
  await app.register(mercuriusAuth, {
    mode: 'external',
    policy: fieldPolicy(app.graphql.schema),
    applyPolicy: async (policy: Permission, _parent, _args, context) => {
      if (can(context.principal, policy)) return true;
      const who = context.principal ? `the ${context.principal.role} role` : 'an anonymous caller';
      return new ApiError('FORBIDDEN', `${who} may not do this (needs ${policy})`);
    },
  });
  redactActors(app.graphql.schema);
}
