/**
 * Limits every GraphQL document must pass before anything runs: depth, aliases and directives (GraphQL
 * Armor's validation rules), tokens (counted before parsing), cost (server/query-cost.ts, checked with
 * the request's variables before execution), and no introspection in production. An over-deep,
 * over-costly or alias-bombed request is refused before any Cypher, with a code naming the limit, its
 * value, the setting, and how to get under it (never as a "Syntax Error": it is not one).
 */
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import type { Config } from '../graph/config.ts';
import { ApiError, type ErrorCode } from '../graph/errors.ts';
import { armor, graphql } from './graphql-cjs.ts';

const { maxAliasesRule, maxDepthRule, maxDirectivesRule, MaxTokensParserWLexer } = armor;

/** Armor's message ("Syntax Error: Aliases limit of 20 exceeded, found 40.") told plainly. */
function plain(message: string, setting: string, fix: string) {
  const what = message.replace(/^Syntax Error:\s*/i, '').replace(/\.$/, '');
  return `query: ${what.charAt(0).toLowerCase()}${what.slice(1)} (${setting}); ${fix}`;
}

/** Options that make an Armor rule report our error (code, setting, fix) instead of its own. */
function reportAs(code: ErrorCode, setting: string, fix: string) {
  return {
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        context?.reportError(new graphql.GraphQLError(plain(error.message, setting, fix), { extensions: { code } }));
      },
    ],
  };
}

export function validationRules(config: Config): ValidationRule[] {
  const rules: ValidationRule[] = [
    maxDepthRule({
      n: config.GRAPHQL_MAX_DEPTH,
      ...reportAs(
        'QUERY_TOO_DEEP',
        'GRAPHQL_MAX_DEPTH',
        'nest fewer fields; the hierarchy and neighbourhood queries walk deep trees for you',
      ),
    }),
    maxAliasesRule({
      n: config.GRAPHQL_MAX_ALIASES,
      ...reportAs('TOO_MANY_ALIASES', 'GRAPHQL_MAX_ALIASES', 'split the request, or ask for lists instead of one alias per item'),
    }),
    maxDirectivesRule({
      n: config.GRAPHQL_MAX_DIRECTIVES,
      ...reportAs('TOO_MANY_DIRECTIVES', 'GRAPHQL_MAX_DIRECTIVES', 'use fewer @include/@skip directives'),
    }),
  ] as ValidationRule[];
  if (config.NODE_ENV === 'production') rules.push(graphql.NoSchemaIntrospectionCustomRule);
  return rules;
}

/**
 * Counts the document's tokens before Mercurius parses it (a preParsing hook): a megabyte of `{a a a…}`
 * is refused by its size alone, without building a syntax tree for it.
 */
export function tokenLimit(config: Config) {
  return (_schema: unknown, source: string) => {
    // A token is at least one character, so a document no longer than the limit cannot exceed it:
    // the everyday query skips this second parse.
    if (source.length <= config.GRAPHQL_MAX_TOKENS) return;
    try {
      new MaxTokensParserWLexer(source, { n: config.GRAPHQL_MAX_TOKENS, exposeLimits: true }).parseDocument();
    } catch (error) {
      const message = (error as Error).message;
      if (/token/i.test(message)) {
        throw new ApiError('TOO_MANY_TOKENS', plain(message, 'GRAPHQL_MAX_TOKENS', 'send a shorter query (use fragments and variables)'), {
          limit: config.GRAPHQL_MAX_TOKENS,
        });
      }
      // A syntax error: Mercurius's own parse reports it with its location.
    }
  };
}

/** Production answers name no fields: GraphQL's "Did you mean …" suggestions are left out. */
export const withoutSuggestions = (message: string) => message.replace(/\s*Did you mean .*$/s, '');
