/**
 * The viewer's documents (web/src/documents/*.graphql, sent as generated in web/src/generated/graphql.ts)
 * are valid against today's SDL and pass every limit the server puts on a document before it runs:
 * depth, aliases, directives (server/graphql-limits.ts) and tokens, with the default configuration.
 * A document that grows past a limit fails here rather than in a planner's browser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

  it('are all the viewer sends, but for the one request built at run time', () => {
    // A text query (gql('query …'), or gql<T>(…) whose answer type is written by hand) escapes the checks
    // below and the generated types. manyNeighbourhoods (queries.ts) is the one: its aliases vary with
    // the list it is given.
    const web = join(import.meta.dirname, '../../web/src');
    const textQueries = readdirSync(web, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.startsWith('generated') && file !== 'api.ts')
      .flatMap((file) => (readFileSync(join(web, file), 'utf8').match(/\bgql\s*(?:<|\(\s*[`'"])/g) ?? []).map(() => file));
    expect(textQueries).toEqual(['queries.ts']);
  });

  it.each(documents)('%s is valid and within the server’s limits', (_name, text) => {
    expect(() => tokenLimit(config)(null, text)).not.toThrow();
    const errors = validate(schema, parse(text), [...specifiedRules, ...validationRules(config)]);
    expect(errors.map((e) => e.message)).toEqual([]);
  });
});
