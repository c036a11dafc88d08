/**
 * A module-resolution hook for the benchmark process only: server/graphql.ts's `import mercurius`
 * resolves to bench/lib/mercurius-variant.ts, which registers the real Mercurius with the options
 * a benchmark variant asks for (jit, per-parent resolvers instead of loaders). Every other importer,
 * the variant module included, gets the real package. The product's code is not changed.
 */
const VARIANT = new URL('./mercurius-variant.ts', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'mercurius' && context.parentURL?.endsWith('/server/graphql.ts')) {
    return { url: VARIANT, shortCircuit: true };
  }
  return next(specifier, context);
}
