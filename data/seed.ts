/** `npm run seed`: validates and loads the documented dataset; idempotent. */
import { runCli, withNeo4j } from './cli.ts';
import { seedDocumented } from './seed-graph.ts';
import { printSummary } from './summary.ts';

runCli(() =>
  withNeo4j(async (driver, database) => {
    const result = await seedDocumented(driver, database);
    console.log(
      `seeded ${result.nodes} nodes, ${result.relationships} relationships, ${result.claims} claims in ${result.seconds.toFixed(2)} s`,
    );
    await printSummary(driver, database);
  }),
);
