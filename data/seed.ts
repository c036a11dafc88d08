/**
 * `npm run seed [-- --prune]`: validates and loads the documented dataset; idempotent. Lists the
 * documented records the files no longer hold; `--prune` removes them in the same transaction.
 */
import { parseCommand, runCli, withNeo4j } from '../db/cli.ts';
import { GraphStore } from '../graph/graph-store.ts';
import { seedDocumented } from './seed-graph.ts';
import { printSummary } from './summary.ts';

const COMMAND = {
  usage: 'npm run seed [-- --prune]',
  help: `Validates and loads the documented dataset (data/seed); idempotent, and a bad file writes nothing.
Lists the documented records the files no longer hold.

  --prune       remove those records, in the same transaction as the load
  -h, --help    this text`,
  options: { prune: { type: 'boolean', default: false } },
} as const;

runCli(async () => {
  const { prune } = parseCommand(COMMAND).values;
  await withNeo4j(async (driver, database) => {
    const result = await seedDocumented(GraphStore.forLoads(driver, database), undefined, { prune });
    console.log(
      `seeded ${result.nodes} nodes, ${result.relationships} relationships, ${result.claims} claims in ${result.seconds.toFixed(2)} s`,
    );
    const { nodes, relationships, claims } = result.stale;
    const count = nodes.length + relationships.length + claims.length;
    if (count > 0) {
      const list = [...nodes, ...relationships.map((r) => `${r.id} (${r.type})`), ...claims].join('\n  ');
      console.log(
        result.pruned
          ? `removed ${count} documented records the seed files no longer hold:\n  ${list}`
          : `${count} documented records are no longer in the seed files (run npm run seed -- --prune to remove them):\n  ${list}`,
      );
    }
    await printSummary(GraphStore.forLoads(driver, database));
  });
});
