/**
 * `npm run backup -- [--out FILE]` (default BACKUP_DIR/graph-<time>.json.gz, BACKUP_DIR .data/backups)
 *
 * A consistent backup of the running database: the whole graph and the change log read in one
 * transaction (graph.json, see graph-document.ts) and gzipped. Restore it with `npm run restore`.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseCommand, runCli, withNeo4j } from '../../db/cli.ts';
import { loadConfig } from '../../graph/config.ts';
import { GraphStore } from '../../graph/graph-store.ts';
import { backup, backupName } from './backup.ts';

const COMMAND = {
  usage: 'npm run backup -- [--out FILE]',
  help: `Writes a consistent backup of the whole graph and the change log (graph.json, gzipped), read in
one transaction while the product runs; it carries its content hash. Restore it with npm run restore.

  --out FILE    where to write it (default BACKUP_DIR/graph-<time>.json.gz; BACKUP_DIR is .data/backups)
  -h, --help    this text`,
  options: { out: { type: 'string' } },
} as const;

runCli(async () => {
  const { values } = parseCommand(COMMAND);
  const out = values.out ?? join(loadConfig().BACKUP_DIR, backupName());
  mkdirSync(dirname(out), { recursive: true });
  await withNeo4j(async (driver, database) => {
    const result = await backup(GraphStore.forLoads(driver, database), out);
    const { nodes, relationships, claims, changes } = result.counts;
    console.log(
      `[backup] ${nodes} nodes, ${relationships} relationships, ${claims} claims, ${changes} change-log entries → ${out} ` +
        `(${(result.bytes / 1e6).toFixed(1)} MB) in ${result.seconds.toFixed(1)} s; content hash ${result.hash}`,
    );
  });
});
