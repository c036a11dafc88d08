/** Builds the real app against the run's Neo4j (see global-neo4j.ts); callers close it. */
import { inject } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';

export async function buildTestApp() {
  const neo4j = inject('neo4j');
  return buildApp({ config: loadConfig({ NODE_ENV: 'test' }), neo4j });
}

/** Posts a GraphQL request through app.inject and returns the parsed body. */
export async function gql<T = Record<string, unknown>>(
  app: Awaited<ReturnType<typeof buildTestApp>>,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown>; path?: string[] }[] }> {
  const response = await app.inject({ method: 'POST', url: '/graphql', payload: { query, variables } });
  return response.json();
}
