/**
 * `npm run generate -- --scale tiny|city|province [--seed N] [--clear] [--batch-size N] [--mode auto|create|merge] [--dry-run]`
 * `npm run generate -- --remove`
 *
 * Generates the synthetic graph (deterministic from the seed) and loads it district by district,
 * printing a line per district, then the rates (nodes/s, relationships/s) and what the database holds
 * by kind and by type. `--scale` is required (a city graph is 2×10⁴ nodes, a province 10⁶: never
 * loaded by default). `--clear` first deletes all earlier synthetic data (ids starting syn-);
 * `--remove` only deletes it (cypher/synthetic/delete-synthetic.cypher); `--mode` forces CREATE (fresh
 * ids) or MERGE (reload) instead of choosing by what the store holds; `--dry-run` only generates and
 * counts, without a database. Documented data is never touched.
 */
import { intOption, parseCommand, runCli, UsageError, withNeo4j } from '../../db/cli.ts';
import { GraphStore } from '../../graph/graph-store.ts';
import { idPrefix, isScale, SCALE_NAMES, type SyntheticOptions, tallySynthetic } from './generate.ts';
import { clearSynthetic, countSynthetic, type LoadMode, loadSynthetic } from './load-synthetic.ts';

const COMMAND = {
  usage: `npm run generate -- --scale ${SCALE_NAMES.join('|')} [--seed N] [--clear] [--batch-size N] [--mode auto|create|merge] [--dry-run]
       npm run generate -- --remove`,
  help: `Loads the synthetic graph (deterministic from --seed, labelled Synthetic, ids syn-…, names 合成·…),
or removes every synthetic node and claim. Documented data is never touched.

  --scale SCALE        required: tiny (one district, a few thousand nodes), city (≈2×10⁴ nodes),
                       province (≥10⁶ nodes)
  --seed N             the seed (default 42)
  --clear              delete all earlier synthetic data first
  --remove             only delete all synthetic data (no --scale), then stop
  --batch-size N       rows per transaction, at least 100 (default 10000)
  --mode MODE          auto (default), create or merge
  --dry-run            generate and count only, without a database
  -h, --help           this text`,
  options: {
    scale: { type: 'string' },
    seed: { type: 'string', default: '42' },
    clear: { type: 'boolean', default: false },
    remove: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    'batch-size': { type: 'string', default: '10000' },
    mode: { type: 'string', default: 'auto' },
  },
} as const;

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const rate = (count: number, seconds: number) => (seconds > 0 ? int(count / seconds) : '–');
const table = (rows: Iterable<[string, number]>) =>
  [...rows]
    .sort((a, b) => b[1] - a[1])
    .map(([key, count]) => `  ${key.padEnd(28)} ${int(count).padStart(10)}`)
    .join('\n');

type Parsed =
  | { remove: true }
  | (SyntheticOptions & { remove: false; clear: boolean; dryRun: boolean; batchSize: number; mode: 'auto' | LoadMode });

function parse(): Parsed {
  const { values } = parseCommand(COMMAND);
  if (values.remove) {
    const others = (['scale', 'clear', 'dry-run'] as const).filter((k) => values[k] !== undefined && values[k] !== false);
    if (others.length > 0) throw new UsageError(`--remove takes no other option (got --${others.join(', --')})`);
    return { remove: true };
  }
  if (values.scale === undefined)
    throw new UsageError(`--scale is required: ${SCALE_NAMES.join(', ')} (or --remove to delete synthetic data)`);
  if (!isScale(values.scale)) throw new UsageError(`--scale must be one of ${SCALE_NAMES.join(', ')}, not "${values.scale}"`);
  if (!['auto', 'create', 'merge'].includes(values.mode))
    throw new UsageError(`--mode must be auto, create or merge, not "${values.mode}"`);
  return {
    remove: false,
    scale: values.scale,
    seed: intOption('seed', values.seed, 0),
    clear: values.clear,
    dryRun: values['dry-run'],
    batchSize: intOption('batch-size', values['batch-size'], 100),
    mode: values.mode as 'auto' | LoadMode,
  };
}

runCli(async () => {
  const options = parse();

  if (options.remove) {
    await withNeo4j(async (driver, database) => {
      const cleared = await clearSynthetic(GraphStore.forLoads(driver, database), 'syn-', (deleted) =>
        console.log(`[generate] removing synthetic data: ${int(deleted)} nodes deleted`),
      );
      console.log(`[generate] removed all synthetic data: ${int(cleared.nodesDeleted)} nodes in ${cleared.seconds.toFixed(1)} s`);
    });
    return;
  }

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
      const cleared = await clearSynthetic(GraphStore.forLoads(driver, database), 'syn-', (deleted) =>
        console.log(`[generate] clearing earlier synthetic data: ${int(deleted)} nodes deleted`),
      );
      console.log(`[generate] cleared earlier synthetic data: ${int(cleared.nodesDeleted)} nodes in ${cleared.seconds.toFixed(1)} s`);
    }
    let last = { nodes: 0, relationships: 0, seconds: 0 };
    const result = await loadSynthetic(GraphStore.forLoads(driver, database), {
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
    const counted = await countSynthetic(GraphStore.forLoads(driver, database), idPrefix(options));
    const held = (list: { count: number }[]) => list.reduce((sum, row) => sum + row.count, 0);
    console.log(
      `[generate] the database holds for ${idPrefix(options)}…: ${int(held(counted.nodes))} nodes, ` +
        `${int(held(counted.relationships))} relationships (STATES links the claims), ${int(counted.claims)} claims`,
    );
    console.log(`nodes by kind:\n${table(counted.nodes.map((row) => [row.key, row.count]))}`);
    console.log(`relationships by type:\n${table(counted.relationships.map((row) => [row.key, row.count]))}`);
  });
}, 'generate');
