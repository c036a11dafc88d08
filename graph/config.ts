/**
 * Every setting the product reads, in one schema, read once. A missing or malformed setting stops the
 * start with the setting's name and what was wrong, never a stack trace deep in a plugin.
 */
import { z } from 'zod';
import { readOrCreateSecret } from './secret-file.ts';

/**
 * The password the README once documented as the default. No longer a default (a random one is made
 * per store), and refused under NODE_ENV=production; throwaway stores (benchmarks) may use it.
 */
export const LOCAL_DEFAULT_PASSWORD = 'partygraph-local';

const port = z.coerce.number().int().min(1).max(65535);
/** A whole number setting of at least `min` (limits, sizes, counts), `fallback` when unset. */
const whole = (min: number, fallback: number) => z.coerce.number().int().min(min).default(fallback);
const flag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port.default(4000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

    // An existing Neo4j (server, cluster or Aura). When unset, the embedded Neo4j in db/ is started.
    NEO4J_URI: z
      .string()
      .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/[^\s]+$/, 'must be a neo4j://, neo4j+s://, bolt:// or bolt+s:// URI')
      .optional(),
    NEO4J_USER: z.string().min(1).default('neo4j'),
    // Unset: a random password made on first start and kept in NEO4J_PASSWORD_FILE (0600), like the
    // JWT secret; the old documented default is refused in production (graph/secret-file.ts).
    NEO4J_PASSWORD: z.string().min(8, 'must have at least 8 characters (Neo4j refuses shorter ones)').optional(),
    NEO4J_PASSWORD_FILE: z.string().min(1).default('.data/neo4j-password'),
    NEO4J_DATABASE: z.string().min(1).default('neo4j'),

    // The embedded Neo4j (used only when NEO4J_URI is unset).
    NEO4J_BOLT_PORT: port.default(7687),
    NEO4J_HOME_DIR: z.string().min(1).default('.data/neo4j'),
    /** This checkout's store id (also written into the graph): another store's Neo4j is refused. */
    NEO4J_STORE_ID_FILE: z.string().min(1).default('.data/store-id'),
    NEO4J_HEAP: z
      .string()
      .regex(/^\d+[mg]$/, 'must look like 2g or 512m')
      .default('2g'),

    /** Load the documented dataset when the database holds no documented data yet. */
    SEED_ON_START: flag.default(true),
    /** Longest a single query may run before Neo4j stops it. */
    QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
    /**
     * The compiled read path (server/compiled/): organization, place and entity answer their
     * relationship fields and pairings in one query instead of one per level. Off: loaders only.
     * On by default: tests/integration/compiled-differential.int.test.ts shows the same answers.
     */
    COMPILED_READS: flag.default(true),
    /**
     * Mercurius `jit`: a document is compiled with graphql-jit once it has run this many times (0:
     * never). The cost check, sign-in and field policies run as before (Mercurius's preExecution hooks
     * precede the compiled run; the policies wrap the resolvers it calls); tests/integration/
     * jit-differential.int.test.ts shows the same answers, and bench section 1 measures it.
     */
    GRAPHQL_JIT: whole(0, 0),

    // Sign-in (server/auth). Locally: HS256 with AUTH_SECRET, or a secret file made on first use.
    // With an identity provider: its public key (PEM) and algorithm.
    AUTH_SECRET: z.string().min(32, 'must have at least 32 characters').optional(),
    AUTH_SECRET_FILE: z.string().min(1).default('.data/auth-secret'),
    AUTH_PUBLIC_KEY: z.string().includes('BEGIN PUBLIC KEY', { message: 'must be a PEM public key' }).optional(),
    AUTH_ALGORITHM: z.enum(['HS256', 'RS256', 'ES256']).default('HS256'),
    AUTH_ISSUER: z.string().min(1).default('jinan-party-graph'),
    AUTH_AUDIENCE: z.string().min(1).default('jinan-party-graph'),
    /** Local demo: anonymous callers read as an auditor. Refused when NODE_ENV=production. */
    AUTH_DEMO: flag.default(false),
    /** Failed sign-ins (bad tokens) per minute per address before 429; counted before any verification. */
    AUTH_FAILURES_PER_MINUTE: whole(1, 30),

    // People's sign-in with name and password (server/accounts, server/auth/session.ts).
    /** A session unused this long ends. */
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    /** A session ends this long after sign-in, however busy. */
    SESSION_MAX_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(12),
    /** The session cookie's Secure flag. Unset: on in production and for requests that came over TLS. */
    SESSION_COOKIE_SECURE: flag.optional(),
    /** Wrong passwords for one login name (known or not) before it is locked. */
    SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).max(1_000).default(10),
    /** Failed sign-ins from one address (any names) before it is locked. */
    SIGN_IN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(100),
    /** The first lock's length; each further lock of the same name or address lasts twice as long. */
    SIGN_IN_LOCK_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
    /** The longest a lock lasts. */
    SIGN_IN_MAX_LOCK_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(60),

    // Single sign-on through the department's OpenID Connect provider (server/auth/oidc.ts): the
    // authorization-code flow with PKCE. Unset OIDC_ISSUER: no single sign-on.
    /** The provider's issuer URL (its discovery document is <issuer>/.well-known/openid-configuration). */
    OIDC_ISSUER: z.url('must be the issuer URL of the identity provider, like https://sso.example.gov.cn/realms/jinan').optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    /** The client's secret (client_secret_basic); unset: a public client, PKCE alone. */
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    /** Where the provider sends people back; unset: <this server's origin>/session/oidc/callback. */
    OIDC_REDIRECT_URI: z.url('must be a URL ending in /session/oidc/callback').optional(),
    /** The scopes asked for (openid always). */
    OIDC_SCOPES: z.string().min(1).default('openid profile'),
    /** The claim holding the role (admin/editor/auditor/viewer; a list: the most privileged); a.b reads a nested one. */
    OIDC_ROLE_CLAIM: z.string().min(1).default('party_role'),
    /** The claim holding an editor's scope area (an area id). */
    OIDC_SCOPE_CLAIM: z.string().min(1).default('party_scope'),

    /**
     * Host names (with :port when not 80/443) the server answers, comma-separated; others get 421 (DNS
     * rebinding). Empty: any Host, except in the demo mode, which always answers only
     * 127.0.0.1:PORT, localhost:PORT and [::1]:PORT (server/host-check.ts).
     */
    ALLOWED_HOSTS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((h) => h.trim().toLowerCase())
          .filter(Boolean),
      ),
    /** Longest a request may take to arrive whole (headers and body): a slow body cannot hold a connection. */
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(500).max(600_000).default(60_000),
    /** Longest a connection may stay silent. */
    CONNECTION_TIMEOUT_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),

    // Hardening (server/hardening.ts, server/graphql-limits.ts).
    /** Browser origins allowed to call the API from other sites, comma-separated; none by default. */
    CORS_ORIGINS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url('each origin must be a URL like https://planner.example.gov.cn'))),
    /** Requests per minute per signed-in subject (per address for anonymous callers). */
    RATE_LIMIT_MAX: whole(1, 1200),
    /**
     * GraphQL cost per minute per subject (per address for anonymous callers): each request is charged
     * its estimated cost (GRAPHQL_MAX_COST's measure) before it runs (server/cost-budget.ts).
     */
    RATE_LIMIT_COST: whole(1, 5_000_000),
    GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(50).default(15),
    /**
     * Most objects a request's answer could hold, estimated before it runs: every list counts as its page
     * size (`first`, from a literal, a variable or its default) or its bound, times what it holds
     * (server/query-cost.ts).
     */
    GRAPHQL_MAX_COST: whole(100, 500_000),
    /** Most objects a request may actually resolve; past it the request stops (RESPONSE_TOO_LARGE). */
    GRAPHQL_MAX_OBJECTS: whole(10, 200_000),
    /** Largest GraphQL answer, in bytes of JSON (RESPONSE_TOO_LARGE past it). */
    GRAPHQL_MAX_RESPONSE_BYTES: whole(1_000, 16 * 1024 * 1024),
    /**
     * Database time one GraphQL request may use, from its start: each read's transaction timeout is
     * what is left of it (never more than QUERY_TIMEOUT_MS), and a read with nothing left is refused
     * (TIME_BUDGET_EXCEEDED).
     */
    GRAPHQL_DB_BUDGET_MS: z.coerce.number().int().min(1).max(600_000).default(10_000),
    GRAPHQL_MAX_ALIASES: whole(0, 20),
    GRAPHQL_MAX_DIRECTIVES: whole(0, 20),
    GRAPHQL_MAX_TOKENS: whole(100, 2_000),
    /** Largest request body, in bytes (GraphQL requests; uploads have their own limit). */
    BODY_LIMIT: whole(1_024, 262_144),

    // Imports and restores (data/exchange, server/routes/exchange.ts): what one upload may cost.
    /** Largest uploaded file, in bytes (a 100,000-row CSV is about 8 MB, the same as xlsx about 5 MB). */
    IMPORT_MAX_FILE_BYTES: whole(1_024, 100 * 1024 * 1024),
    /** Files per upload. */
    IMPORT_MAX_FILES: whole(1, 10),
    /** Data rows per import, all files together; counted while reading, the upload is refused past it. */
    IMPORT_MAX_ROWS: whole(1, 120_000),
    /** Bytes an xlsx may unpack to (its XML parts), counted while reading; a zip bomb is refused past it. */
    IMPORT_MAX_UNPACKED_BYTES: whole(1_024, 256 * 1024 * 1024),
    /** Where backups, and the safety backups a restore or a graph.json import takes first, are written. */
    BACKUP_DIR: z.string().min(1).default('.data/backups'),
  })
  .refine((c) => !(c.NODE_ENV === 'production' && c.NEO4J_PASSWORD === LOCAL_DEFAULT_PASSWORD), {
    message: `the documented default "${LOCAL_DEFAULT_PASSWORD}" cannot be used with NODE_ENV=production (leave NEO4J_PASSWORD unset for a random one)`,
    path: ['NEO4J_PASSWORD'],
  })
  .refine((c) => !c.OIDC_ISSUER || c.OIDC_CLIENT_ID, {
    message: 'single sign-on (OIDC_ISSUER) needs the client id registered with the provider',
    path: ['OIDC_CLIENT_ID'],
  })
  .refine((c) => !(c.NODE_ENV === 'production' && c.AUTH_DEMO), {
    message: 'the local demo mode (anonymous reads) cannot be used with NODE_ENV=production',
    path: ['AUTH_DEMO'],
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the configuration from an environment (process.env by default), failing with names. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(blankAsUnset);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
}

/**
 * The Neo4j password: NEO4J_PASSWORD when set, else the one kept in NEO4J_PASSWORD_FILE (made, random,
 * on first start: the embedded Neo4j takes whatever it is given; an external one needs it written there).
 */
export function neo4jPasswordOf(config: Config): string {
  if (config.NEO4J_PASSWORD) return config.NEO4J_PASSWORD;
  if (config.NEO4J_URI) {
    try {
      return readOrCreateSecret(config.NEO4J_PASSWORD_FILE, { setting: 'NEO4J_PASSWORD_FILE', minLength: 8, create: false });
    } catch (error) {
      throw new ConfigError(
        `NEO4J_PASSWORD: must be set (or written to ${config.NEO4J_PASSWORD_FILE}) to sign in to ${config.NEO4J_URI} (${(error as Error).message})`,
      );
    }
  }
  return readOrCreateSecret(config.NEO4J_PASSWORD_FILE, { setting: 'NEO4J_PASSWORD_FILE' });
}

/** The Neo4j the configuration names: NEO4J_URI when set, else the embedded one's settings. */
export function neo4jOptionsOf(config: Config) {
  return {
    uri: config.NEO4J_URI,
    user: config.NEO4J_USER,
    password: neo4jPasswordOf(config),
    database: config.NEO4J_DATABASE,
    boltPort: config.NEO4J_BOLT_PORT,
    homeDir: config.NEO4J_HOME_DIR,
    heap: config.NEO4J_HEAP,
  };
}
