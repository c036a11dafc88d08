/**
 * `npm run restore -- FILE [--force]`
 *
 * Restores a backup (graph.json, gzipped or not) into the database: reads and checks the whole file
 * first, takes a safety backup of what the database holds, then replaces it in one transaction
 * (data/exchange/backup.ts). Exit 0: restored; 1: refused or failed (the database is as it was).
 */

import { intOption, parseCommand, runCli, withNeo4j } from '../../db/cli.ts';
import { loadConfig } from '../../graph/config.ts';
import { GraphStore } from '../../graph/graph-store.ts';
import { restore } from './backup.ts';

const COMMAND = {
  usage: 'npm run restore -- FILE [--force]',
  help: `Restores a backup made by npm run backup (graph.json, gzipped or not).
The whole file is read and checked first (format, every record, the content hash it carries);
a database that holds data is refused unless --force, and then first backed up to BACKUP_DIR
(default .data/backups). The old graph is replaced in one transaction: a failure, or a kill,
leaves it exactly as it was.

  --force            replace the graph the database holds (after a safety backup)
  --batch-size N     records per statement inside the transaction (default 5000)
  -h, --help         this text`,
  options: { force: { type: 'boolean', default: false }, 'batch-size': { type: 'string', default: '5000' } },
  positionals: { min: 1, max: 1, name: 'FILE (the backup to restore)' },
} as const;

runCli(async () => {
  const { values, positionals } = parseCommand(COMMAND);
  const batchSize = intOption('batch-size', values['batch-size'], 1, 100_000);
  const config = loadConfig();
  await withNeo4j(async (driver, database) => {
    const result = await restore(GraphStore.forLoads(driver, database), positionals[0]!, {
      force: values.force,
      safetyDir: config.BACKUP_DIR,
      batchSize,
      onProgress: (stage, done, detail) => {
        if (stage === 'verified') console.error(`[restore] file checked: ${done} nodes, content hash ${detail}`);
        else if (stage === 'safety-backup') console.error(`[restore] safety backup of the ${done} nodes held: ${detail}`);
        else if (stage === 'checking') console.error('\n[restore] checking the restored graph before committing');
        else process.stderr.write(`\r[restore] ${stage}: ${done}      `);
      },
    });
    const { nodes, relationships, claims, changes } = result.counts;
    console.log(
      `[restore] ${nodes} nodes, ${relationships} relationships, ${claims} claims, ${changes} change-log entries in ` +
        `${result.seconds.toFixed(1)} s, one transaction; content hash ${result.hash}` +
        (result.carriedHash ? ' (as the file carries)' : ' (the file carries none: made before backups did)') +
        (result.safetyBackup ? `; the graph it replaced is in ${result.safetyBackup}` : ''),
    );
  });
});
