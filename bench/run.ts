/**
 * `npm run bench` (everything, city and province graphs) and `npm run bench:quick` (few repetitions,
 * city graph only, for CI). See bench/README.md for what each section measures and how.
 *
 * This entry only installs the module hook that lets the benchmark build the product's own app with
 * Mercurius options of its choosing (jit, no loaders), then runs bench/main.ts.
 */
import { register } from 'node:module';

register('./lib/mercurius-hook.mjs', import.meta.url);
await import('./main.ts');
