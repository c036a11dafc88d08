/**
 * `npm run backup -- [--out FILE]` (default .data/backups/graph-<time>.json.gz, git-ignored)
 *
 * A consistent backup of the running database: the whole graph and the change log read in one
 * transaction (graph.json, see graph-document.ts) and gzipped. Restore it with `npm run restore`.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { runCli, withNeo4j } from '../cli.ts';
import { backup } from './backup.ts';

runCli(async () => {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const out = values.out ?? `.data/backups/graph-${new Date().toISOString().replace(/[:.]/g, '-')}.json.gz`;
  mkdirSync(dirname(out), { recursive: true });
  await withNeo4j(async (driver, database) => {
    const result = await backup(driver, database, out);
    const { nodes, relationships, claims, changes } = result.counts;
    console.log(
      `[backup] ${nodes} nodes, ${relationships} relationships, ${claims} claims, ${changes} change-log entries → ${out} ` +
        `(${(result.bytes / 1e6).toFixed(1)} MB) in ${result.seconds.toFixed(1)} s; content hash ${result.hash}`,
    );
  });
});
