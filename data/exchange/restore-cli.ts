/**
 * `npm run restore -- FILE [--force]`
 *
 * Restores a backup (graph.json, gzipped or not) into the database. Refuses a database that holds
 * anything unless --force, which first deletes everything in it. Prints the content hash, which is
 * the backup's when the restore is complete.
 */
import { parseArgs } from 'node:util';
import { runCli, withNeo4j } from '../cli.ts';
import { RestoreRefused, restore } from './backup.ts';

runCli(async () => {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { force: { type: 'boolean', default: false } } });
  if (positionals.length !== 1) {
    console.error('usage: npm run restore -- FILE [--force]');
    process.exit(2);
  }
  await withNeo4j(async (driver, database) => {
    const result = await restore(driver, database, positionals[0]!, {
      force: values.force,
      onProgress: (section, done) => process.stderr.write(`\r[restore] ${section}: ${done}      `),
    }).catch((error: Error) => {
      if (!(error instanceof RestoreRefused)) throw error;
      console.error(`[restore] refused: ${error.message}`);
      process.exitCode = 2;
      return null;
    });
    if (!result) return;
    process.stderr.write('\n');
    const { nodes, relationships, claims, changes } = result.counts;
    console.log(
      `[restore] ${nodes} nodes, ${relationships} relationships, ${claims} claims, ${changes} change-log entries in ` +
        `${result.seconds.toFixed(1)} s; content hash ${result.hash}`,
    );
  });
});
