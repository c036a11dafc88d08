/**
 * The product's app, built for a benchmark: the real buildApp() against a scratch store, signed
 * requests (an admin bearer token on every request, so the benchmark keeps working behind sign-in),
 * a rate limit too high to matter, and optionally Mercurius options of the benchmark's choosing.
 */
import type { FastifyInstance } from 'fastify';
import { type Config, loadConfig } from '../../graph/config.ts';
import type { QueryName } from '../../graph/cypher-queries.ts';
import type { Row } from '../../graph/graph-store.ts';
import { buildApp } from '../../server/app.ts';
import { mintToken } from '../../server/auth/token.ts';
import { type MercuriusVariant, redirected, withVariant } from './mercurius-variant.ts';
import type { BenchStore } from './stores.ts';

/** The benchmark's signing secret: the app verifies what the benchmark signs; nothing else uses it. */
const BENCH_SECRET = 'bench-secret-used-only-by-the-benchmark-0123456789';

export function benchConfig(): Config {
  return loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    AUTH_SECRET: BENCH_SECRET,
    // Honoured once rate limiting lands; unknown keys are dropped by the config schema until then.
    RATE_LIMIT_MAX: '1000000',
    QUERY_TIMEOUT_MS: '120000',
    // The request's database time raised to the query timeout: a loaded machine can spend the default
    // (10 s) on the coverage question; the budget is tested in tests/, not measured here.
    GRAPHQL_DB_BUDGET_MS: '120000',
    // The product's cost limit refuses the 5-level nested query over a whole district (the benchmark
    // measures it; the limits are tested in tests/).
    GRAPHQL_MAX_COST: '1000000000',
    // …and so is the per-minute cost charge (RATE_LIMIT_COST), which one nested question over a district
    // (about 5×10⁷) already passes.
    RATE_LIMIT_COST: '1000000000000',
    GRAPHQL_MAX_DEPTH: '20',
    SEED_ON_START: 'false',
  });
}

let token: string | undefined;
export function authHeader(): Record<string, string> {
  token ??= mintToken(benchConfig(), { sub: 'bench', name: '基准测试', role: 'admin' }, 24 * 3600);
  return { authorization: `Bearer ${token}` };
}

/** An editor's bearer token, whose area (scope) is `scope`: the same questions asked by an editor (section 8). */
export function editorHeader(scope: string): Record<string, string> {
  const editor = mintToken(benchConfig(), { sub: 'bench-editor', name: '基准测试编辑', role: 'editor', scope }, 24 * 3600);
  return { authorization: `Bearer ${editor}` };
}

export type BenchApp = FastifyInstance;

/** The product's app with the compiled read path on or off (COMPILED_READS): sections 2 and 8 ask both. */
export async function buildReadPathApp(store: Pick<BenchStore, 'target'>, compiled: boolean): Promise<BenchApp> {
  const app = await buildApp({ config: { ...benchConfig(), COMPILED_READS: compiled }, neo4j: store.target });
  await app.ready();
  return app;
}

export async function buildBenchApp(store: Pick<BenchStore, 'target'>, variant: MercuriusVariant = {}): Promise<BenchApp> {
  return withVariant(variant, async () => {
    const app = await buildApp({ config: benchConfig(), neo4j: store.target });
    await app.ready();
    if ((variant.jit !== undefined || variant.perParentResolvers) && !redirected.active) {
      throw new Error('Mercurius variants need the module hook: run the benchmark through bench/run.ts');
    }
    return app;
  });
}

export interface GraphqlResult {
  data?: Record<string, unknown>;
  errors?: { message: string }[];
}

/** Posts a GraphQL request through app.inject (no socket) and fails on errors. */
export async function inject(
  app: BenchApp,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = authHeader(),
): Promise<GraphqlResult> {
  const response = await app.inject({ method: 'POST', url: '/graphql', payload: { query, variables }, headers });
  const body = response.json() as GraphqlResult;
  if (body.errors || response.statusCode !== 200) {
    throw new Error(`HTTP ${response.statusCode}: ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  }
  return body;
}

export interface RecordedRead {
  /** The named query, or 'compiled' for a read the compiled read path built (its text is then given). */
  name: QueryName | 'compiled';
  /** The query's text when it is not a named one (the compiled read path, server/compiled/). */
  text?: string;
  params: Row;
  /** Reads that started before any earlier read finished ran concurrently: same wave. */
  wave: number;
}

/**
 * Runs one request and records the named queries the API ran for it, in waves of concurrent reads,
 * so the raw side can replay exactly the same Cypher with the same parameters and concurrency.
 */
export async function recordReads(
  app: BenchApp,
  query: string,
  headers: Record<string, string> = authHeader(),
): Promise<{ reads: RecordedRead[]; result: GraphqlResult }> {
  const store = app.store;
  // read() runs through readByName(), so one wrapper records both.
  const original = store.readByName;
  // The store may carry wrappers of its own (the past-answer cache): put them back afterwards.
  const own = Object.getOwnPropertyDescriptor(store, 'readByName');
  const reads: RecordedRead[] = [];
  let wave = 0;
  let waveOpen = false;
  store.readByName = (async <T>(name: QueryName, params: Row = {}): Promise<T[]> => {
    if (!waveOpen) {
      wave += 1;
      waveOpen = true;
    }
    reads.push({ name, params, wave });
    try {
      return (await original.call(store, name, params)) as T[];
    } finally {
      waveOpen = false;
    }
  }) as typeof store.readByName;
  const compiled = store.readCompiled;
  store.readCompiled = (async <T>(q: { text: string; params: Row }): Promise<T[]> => {
    if (!waveOpen) {
      wave += 1;
      waveOpen = true;
    }
    reads.push({ name: 'compiled', text: q.text, params: q.params, wave });
    try {
      return (await compiled.call(store, q)) as T[];
    } finally {
      waveOpen = false;
    }
  }) as typeof store.readCompiled;
  try {
    const result = await inject(app, query, {}, headers);
    return { reads, result };
  } finally {
    // Deleting the own properties restores the prototype's methods (or the wrapper that was there).
    delete (store as unknown as Record<string, unknown>).readByName;
    if (own) Object.defineProperty(store, 'readByName', own);
    delete (store as unknown as Record<string, unknown>).readCompiled;
  }
}
