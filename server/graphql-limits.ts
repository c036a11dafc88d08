/**
 * Limits every GraphQL document must pass before anything runs: depth, cost, aliases, directives and
 * tokens (GraphQL Armor's validation rules), and no introspection in production. They run in
 * validation, so an over-deep, over-costly or alias-bombed request is refused before any Cypher.
 */
import type { ValidationRule } from 'graphql';
import type { Config } from './config.ts';
import { ApiError } from './errors.ts';
import { armor, graphql } from './graphql-cjs.ts';

const { costLimitRule, maxAliasesRule, maxDepthRule, maxDirectivesRule, MaxTokensParserWLexer } = armor;

export function validationRules(config: Config): ValidationRule[] {
  const rules: ValidationRule[] = [
    maxDepthRule({ n: config.GRAPHQL_MAX_DEPTH, exposeLimits: true }),
    costLimitRule({ maxCost: config.GRAPHQL_MAX_COST, exposeLimits: true }),
    maxAliasesRule({ n: config.GRAPHQL_MAX_ALIASES, exposeLimits: true }),
    maxDirectivesRule({ n: config.GRAPHQL_MAX_DIRECTIVES, exposeLimits: true }),
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
      if (/token/i.test(message)) throw new ApiError('BAD_USER_INPUT', `query: ${message}`, { field: 'query' });
      // A syntax error: Mercurius's own parse reports it with its location.
    }
  };
}
