/**
 * `npm run generate -- --scale tiny|city|province [--seed N] [--clear]`: loads the synthetic graph and
 * reports its rate (nodes/s, relationships/s) and final counts. `--clear` removes earlier synthetic
 * data first; documented data is never touched.
 */
import { parseArgs } from 'node:util';
import { runCli, withNeo4j } from '../cli.ts';
import { SCALES, type Scale } from './generate.ts';
import { clearSynthetic, countSynthetic, loadSynthetic } from './load-synthetic.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'city' },
    seed: { type: 'string', default: '42' },
    clear: { type: 'boolean', default: false },
  },
});

runCli(async () => {
  if (!Object.hasOwn(SCALES, values.scale)) throw new Error(`--scale: one of ${Object.keys(SCALES).join(', ')}`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) throw new Error('--seed: a whole number ≥ 0');
  await withNeo4j(async (driver, database) => {
    if (values.clear) {
      const started = performance.now();
      await clearSynthetic(driver, database);
      console.log(`cleared earlier synthetic data in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    const result = await loadSynthetic(driver, database, {
      seed,
      scale: values.scale as Scale,
      onChunk: (done, total, soFar) =>
        process.stdout.write(
          `\r[generate] district ${done}/${total}: ${soFar.nodes} nodes, ${soFar.relationships} relationships, ${soFar.seconds.toFixed(1)} s`,
        ),
    });
    console.log(
      `\nloaded ${result.nodes} nodes and ${result.relationships} relationships (${result.claims} claims) in ${result.seconds.toFixed(1)} s: ` +
        `${Math.round(result.nodes / result.seconds)} nodes/s, ${Math.round(result.relationships / result.seconds)} relationships/s (nodes and relationships loaded in turn)`,
    );
    const counts = await countSynthetic(driver, database);
    console.log('synthetic nodes by kind:', Object.fromEntries(counts.nodes.map((c) => [c.key, c.count])));
    console.log('synthetic relationships by type:', Object.fromEntries(counts.relationships.map((c) => [c.key, c.count])));
  });
});
