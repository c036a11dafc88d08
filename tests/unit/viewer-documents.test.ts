/**
 * The viewer's documents (web/src/documents/*.graphql, sent as generated in web/src/generated/graphql.ts)
 * are valid against today's SDL and pass every limit the server puts on a document before it runs:
 * depth, aliases, directives (server/graphql-limits.ts) and tokens, with the default configuration.
 * A document that grows past a limit fails here rather than in a planner's browser.
 */
import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../graph/config.ts';
import { tokenLimit, validationRules } from '../../server/graphql-limits.ts';
import { loadSdl } from '../../server/graphql-schema.ts';
import * as generated from '../../web/src/generated/graphql.ts';

const documents = Object.entries(generated)
  .filter(([name]) => name.endsWith('Document'))
  .map(([name, document]) => [name, String(document)] as const);

describe('the viewer’s GraphQL documents', () => {
  const schema = buildSchema(loadSdl());
  const config = loadConfig({});

  it('are generated for every query in web/src/documents', () => {
    expect(documents.length).toBeGreaterThan(10);
  });

  it.each(documents)('%s is valid and within the server’s limits', (_name, text) => {
    expect(() => tokenLimit(config)(null, text)).not.toThrow();
    const errors = validate(schema, parse(text), [...specifiedRules, ...validationRules(config)]);
    expect(errors.map((e) => e.message)).toEqual([]);
  });
});
