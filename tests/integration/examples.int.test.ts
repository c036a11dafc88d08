/**
 * The example queries in examples/ (GraphiQL's default tabs) run against the seeded graph without
 * errors and answer the question they name, so they never rot.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, gql } from '../helpers/app.ts';

let app: Awaited<ReturnType<typeof buildTestApp>>;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(() => app.close());

const files = readdirSync('examples')
  .filter((f) => f.endsWith('.graphql'))
  .sort();

describe('example queries', () => {
  it('exist for the users’ questions', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  it.each(files)('%s runs without errors and finds what it asks about', async (file) => {
    const query = readFileSync(`examples/${file}`, 'utf8');
    expect(query.trimStart().startsWith('#'), 'starts with a comment naming the question').toBe(true);
    const result = await gql<Record<string, unknown>>(app, query);
    expect(result.errors).toBeUndefined();
    // Every root field found something: no null entity, no empty list.
    for (const [field, value] of Object.entries(result.data ?? {})) {
      expect(value, `${file}: ${field}`).not.toBeNull();
      if (Array.isArray(value)) expect(value.length, `${file}: ${field}`).toBeGreaterThan(0);
    }
  });
});
