/**
 * `npm run bench` (everything, city and province graphs) and `npm run bench:quick` (few repetitions,
 * city graph only, for CI). See bench/README.md for what each section measures and how.
 *
 * This entry installs the module hook that lets the benchmark build the product's own app with
 * Mercurius options of its choosing (jit, no loaders), sets the process up as `npm start` runs the
 * product, then runs bench/main.ts.
 */
import { register } from 'node:module';

// What ships runs in production (NODE_ENV=production, read from the environment: graphql-js picks its
// production build when it loads, without the cross-realm check in every type test) from compiled
// JavaScript, so without source maps: tsx turns them on, and neo4j-driver then source-maps a captured
// stack for every query. Both cost the peer as much as ours: on the city graph, the point lookup's p50
// went from 2.02 to 1.72 ms ours and from 3.17 to 2.75 ms the peer; the ratios did not move.
process.env.NODE_ENV ??= 'production';
process.setSourceMapsEnabled(false);

register('./lib/mercurius-hook.mjs', import.meta.url);
await import('./main.ts');
