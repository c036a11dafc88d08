/**
 * Builds the real app against the run's Neo4j (see global-neo4j.ts); callers close it. Requests carry
 * real signed tokens: gql() signs in as an admin unless told otherwise.
 */
import { inject } from 'vitest';
import { type Config, loadConfig } from '../../graph/config.ts';
import { buildApp } from '../../server/app.ts';
import type { Principal } from '../../server/auth/principal.ts';
import { mintToken } from '../../server/auth/token.ts';

/** The tests' signing secret (never used outside tests). */
export const TEST_SECRET = 'test-secret-for-the-integration-tier-only-0123456789';

export function testConfig(env: Record<string, string> = {}): Config {
  // The tests share a 2-core machine with other work (load ~25 at times): a request's database time
  // there says nothing about the product, so the per-request budget is wide (each read still has
  // QUERY_TIMEOUT_MS). Tests of the budget set their own.
  return loadConfig({ NODE_ENV: 'test', AUTH_SECRET: TEST_SECRET, GRAPHQL_DB_BUDGET_MS: '60000', ...env });
}

export async function buildTestApp(env: Record<string, string> = {}) {
  const neo4j = inject('neo4j');
  return buildApp({ config: testConfig(env), neo4j });
}

export type TestApp = Awaited<ReturnType<typeof buildTestApp>>;

/** Who a test request is from: a role (and an editor's scope); `null` for anonymous. */
export type As = Pick<Principal, 'role'> & Partial<Pick<Principal, 'scope' | 'name' | 'subject'>>;

export const ADMIN: As = { role: 'admin' };

/** A signed bearer token for a test principal. */
export function tokenFor(as: As, expiresInSeconds?: number): string {
  const name = as.name ?? `测试${as.role}`;
  return mintToken(testConfig(), { sub: as.subject ?? `test-${as.role}`, name, role: as.role, scope: as.scope ?? null }, expiresInSeconds);
}

/** Headers that sign a request in (none for anonymous). */
export function authHeaders(as: As | null = ADMIN): Record<string, string> {
  return as ? { authorization: `Bearer ${tokenFor(as)}` } : {};
}

/** Posts a GraphQL request through app.inject (as an admin unless told) and returns the parsed body. */
export async function gql<T = Record<string, unknown>>(
  app: TestApp,
  query: string,
  variables: Record<string, unknown> = {},
  as: As | null = ADMIN,
): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown>; path?: string[] }[] }> {
  const response = await app.inject({ method: 'POST', url: '/graphql', payload: { query, variables }, headers: authHeaders(as) });
  return response.json();
}
