/**
 * `npm run seed [-- --prune]`: validates and loads the documented dataset; idempotent. Lists the
 * documented records the files no longer hold; `--prune` removes them in the same transaction.
 */
import { runCli, withNeo4j } from './cli.ts';
import { seedDocumented } from './seed-graph.ts';
import { printSummary } from './summary.ts';

const prune = process.argv.includes('--prune');

runCli(() =>
  withNeo4j(async (driver, database) => {
    const result = await seedDocumented(driver, database, undefined, { prune });
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
    await printSummary(driver, database);
  }),
);
