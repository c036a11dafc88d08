/** The product's HTTP surface end to end against the real Neo4j: liveness, readiness, GraphQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, gql } from '../helpers/app.ts';

let app: Awaited<ReturnType<typeof buildTestApp>>;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(() => app.close());

describe('HTTP surface', () => {
  it('answers /health and /ready', async () => {
    expect((await app.inject('/health')).json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', neo4j: 'up' });
  });

  it('answers { __typename } at /graphql', async () => {
    expect(await gql(app, '{ __typename }')).toEqual({ data: { __typename: 'Query' } });
  });

  it('serves GraphiQL at /graphiql outside production', async () => {
    const page = await app.inject('/graphiql');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('graphiql');
  });

  it('reports what the graph holds, read from Neo4j', async () => {
    const { data } = await gql<{ graphSummary: { nodes: number; claims: number; byLabel: { key: string; count: number }[] } }>(
      app,
      '{ graphSummary { nodes claims byLabel { key count } } }',
    );
    expect(data?.graphSummary.nodes).toBeGreaterThan(0);
    expect(data?.graphSummary.byLabel.find((l) => l.key === 'City')?.count).toBe(1);
  });
});
