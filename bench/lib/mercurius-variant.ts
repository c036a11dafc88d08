/**
 * The Mercurius plugin as server/graphql.ts registers it, with a benchmark variant's options laid over
 * the product's own (see mercurius-hook.mjs for how the import is redirected). With no variant set it
 * registers exactly what the product does.
 */
import mercurius from 'mercurius';

export interface MercuriusVariant {
  /** Mercurius `jit`: compile a query with graphql-jit after this many runs. */
  jit?: number;
  /** Replace every loader with a resolver that queries once per parent (the N+1 the loaders avoid). */
  perParentResolvers?: boolean;
}

type Fn = (...args: unknown[]) => unknown;
type Loaders = Record<string, Record<string, Fn | { loader: Fn; opts?: unknown }>>;

const KEY = '__benchMercuriusVariant';
const global = globalThis as Record<string, unknown>;
if (!global[KEY]) global[KEY] = { current: {} };
const state = global[KEY] as { current: MercuriusVariant };

/** Applies `variant` to every app built (registered) while `build` runs. */
export async function withVariant<T>(variant: MercuriusVariant, build: () => Promise<T>): Promise<T> {
  const previous = state.current;
  state.current = variant;
  try {
    return await build();
  } finally {
    state.current = previous;
  }
}

/** Whether the redirect is active (false when the bench was not started through bench/run.ts). */
export const redirected = { active: false };

function perParent(loaders: Loaders, resolvers: Record<string, Record<string, unknown>>) {
  const merged: Record<string, Record<string, unknown>> = { ...resolvers };
  for (const [type, fields] of Object.entries(loaders)) {
    merged[type] = { ...merged[type] };
    for (const [field, def] of Object.entries(fields)) {
      const loader = typeof def === 'function' ? def : def.loader;
      // One loader call per parent object: what a resolver without a loader costs.
      merged[type][field] = async (obj: unknown, params: unknown, context: unknown, info: unknown) =>
        ((await loader([{ obj, params, info }], context)) as unknown[])[0];
    }
  }
  return merged;
}

function plugin(app: unknown, options: Record<string, unknown>) {
  redirected.active = true;
  const variant = state.current;
  const effective: Record<string, unknown> = { ...options };
  if (variant.jit !== undefined) effective.jit = variant.jit;
  if (variant.perParentResolvers && options.loaders) {
    effective.resolvers = perParent(options.loaders as Loaders, (options.resolvers ?? {}) as Record<string, Record<string, unknown>>);
    effective.loaders = {};
  }
  return (mercurius as unknown as Fn)(app, effective);
}

// Keep fastify-plugin's metadata (no encapsulation, the plugin's name) and the package's statics;
// `default` must point at the wrapper, or avvio would register the original.
Object.assign(plugin, mercurius);
(plugin as unknown as Record<string, unknown>).default = plugin;

export default plugin as unknown as typeof mercurius;
