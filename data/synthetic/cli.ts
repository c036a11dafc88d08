/**
 * `npm run generate -- --scale tiny|city|province [--seed N] [--clear] [--batch-size N] [--mode auto|create|merge] [--dry-run]`
 *
 * Generates the synthetic graph (deterministic from the seed) and loads it district by district,
 * printing a line per district, then the rates (nodes/s, relationships/s) and what the database holds
 * by kind and by type. `--clear` first deletes all earlier synthetic data (ids starting syn-);
 * `--mode` forces CREATE (fresh ids) or MERGE (reload) instead of choosing by what the store holds;
 * `--dry-run` only generates and counts, without a database. Documented data is never touched.
 */
import { parseArgs } from 'node:util';
import { runCli, withNeo4j } from '../cli.ts';
import { idPrefix, isScale, SCALE_NAMES, type SyntheticOptions, tallySynthetic } from './generate.ts';
import { clearSynthetic, countSynthetic, type LoadMode, loadSynthetic } from './load-synthetic.ts';

const USAGE = `usage: npm run generate -- --scale ${SCALE_NAMES.join('|')} [--seed N] [--clear] [--batch-size N] [--mode auto|create|merge] [--dry-run]`;

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const rate = (count: number, seconds: number) => (seconds > 0 ? int(count / seconds) : '–');
const table = (rows: Iterable<[string, number]>) =>
  [...rows]
    .sort((a, b) => b[1] - a[1])
    .map(([key, count]) => `  ${key.padEnd(28)} ${int(count).padStart(10)}`)
    .join('\n');

function parse(): SyntheticOptions & { clear: boolean; dryRun: boolean; batchSize: number; mode: 'auto' | LoadMode } {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'city' },
      seed: { type: 'string', default: '42' },
      clear: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      'batch-size': { type: 'string', default: '10000' },
      mode: { type: 'string', default: 'auto' },
    },
  });
  const seed = Number(values.seed);
  const batchSize = Number(values['batch-size']);
  const problems = [
    isScale(values.scale) ? null : `--scale must be one of ${SCALE_NAMES.join(', ')}`,
    Number.isSafeInteger(seed) && seed >= 0 ? null : '--seed must be a whole number ≥ 0',
    Number.isInteger(batchSize) && batchSize >= 100 ? null : '--batch-size must be a whole number ≥ 100',
    ['auto', 'create', 'merge'].includes(values.mode) ? null : '--mode must be auto, create or merge',
  ].filter(Boolean);
  if (problems.length > 0) {
    console.error(`${problems.join('\n')}\n${USAGE}`);
    process.exit(2);
  }
  return {
    scale: values.scale as SyntheticOptions['scale'],
    seed,
    clear: values.clear,
    dryRun: values['dry-run'],
    batchSize,
    mode: values.mode as 'auto' | LoadMode,
  };
}

runCli(async () => {
  const options = parse();
  const label = `seed ${options.seed}, scale ${options.scale}, ids ${idPrefix(options)}…`;

  if (options.dryRun) {
    const started = performance.now();
    const tally = tallySynthetic(options);
    console.log(
      `[generate] ${label}: ${int(tally.nodes)} nodes, ${int(tally.relationships)} relationships, ${int(tally.claims)} claims ` +
        `generated in ${((performance.now() - started) / 1000).toFixed(1)} s (nothing written)`,
    );
    console.log(`nodes by kind:\n${table(tally.kinds)}\nrelationships by type:\n${table(tally.types)}`);
    return;
  }

  await withNeo4j(async (driver, database) => {
    if (options.clear) {
      const cleared = await clearSynthetic(driver, database, 'syn-', (deleted) =>
        console.log(`[generate] clearing earlier synthetic data: ${int(deleted)} nodes deleted`),
      );
      console.log(`[generate] cleared earlier synthetic data: ${int(cleared.nodesDeleted)} nodes in ${cleared.seconds.toFixed(1)} s`);
    }
    let last = { nodes: 0, relationships: 0, seconds: 0 };
    const result = await loadSynthetic(driver, database, {
      ...options,
      onChunk: (chunk, soFar) => {
        if (soFar.chunks === 1) {
          console.log(
            `[generate] ${label}: loading district by district, ${int(options.batchSize)} rows per transaction, ` +
              (soFar.mode === 'create' ? 'CREATE (nothing under this prefix yet)' : 'MERGE (reloading over existing data)'),
          );
        }
        const seconds = soFar.seconds - last.seconds;
        console.log(
          `[generate] district ${String(chunk.index + 1).padStart(String(chunk.total).length)}/${chunk.total} ${chunk.district}: ` +
            `+${int(soFar.nodes - last.nodes)} nodes, +${int(soFar.relationships - last.relationships)} relationships in ${seconds.toFixed(1)} s; ` +
            `total ${int(soFar.nodes)} nodes, ${int(soFar.relationships)} relationships, ${soFar.seconds.toFixed(0)} s`,
        );
        last = soFar;
      },
    });
    console.log(
      `[generate] loaded ${int(result.nodes)} nodes, ${int(result.relationships)} relationships and ${int(result.claims)} claims ` +
        `in ${result.seconds.toFixed(1)} s (${result.chunks} districts): ` +
        `${rate(result.nodes, result.nodeSeconds)} nodes/s (${result.nodeSeconds.toFixed(1)} s writing nodes), ` +
        `${rate(result.relationships + result.claims, result.relationshipSeconds)} relationships/s (${result.relationshipSeconds.toFixed(1)} s writing relationships and claims), ` +
        `${rate(result.nodes + result.relationships, result.seconds)} records/s overall (${result.generateSeconds.toFixed(1)} s generating)`,
    );
    const counted = await countSynthetic(driver, database, idPrefix(options));
    const held = (list: { count: number }[]) => list.reduce((sum, row) => sum + row.count, 0);
    console.log(
      `[generate] the database holds for ${idPrefix(options)}…: ${int(held(counted.nodes))} nodes, ` +
        `${int(held(counted.relationships))} relationships (STATES links the claims), ${int(counted.claims)} claims`,
    );
    console.log(`nodes by kind:\n${table(counted.nodes.map((row) => [row.key, row.count]))}`);
    console.log(`relationships by type:\n${table(counted.relationships.map((row) => [row.key, row.count]))}`);
  });
});
