/** `npm run summary`: counts by label and relationship type, facts with sources, and claims. */
import { parseCommand, runCli, withNeo4j } from '../db/cli.ts';
import { GraphStore } from '../graph/graph-store.ts';

interface Count {
  key: string;
  count: number;
}

export async function printSummary(store: GraphStore): Promise<void> {
  const [row = {}] = await store.read<Record<string, unknown>>('graph/count-summary');
  const table = (rows: Count[]) =>
    rows
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
      .map((r) => `  ${r.key.padEnd(28)} ${r.count}`)
      .join('\n');
  console.log(`entities: ${row.nodes} (synthetic: ${row.syntheticNodes})`);
  console.log(`nodes by label:\n${table(row.byLabel as Count[])}`);
  console.log(`relationships by type:\n${table(row.byType as Count[])}`);
  console.log(`entities with sources: ${row.sourcedNodes}`);
  console.log(`relationships with sources: ${row.sourcedRelationships}`);
  console.log(`claims: ${row.claims}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(async () => {
    parseCommand({
      usage: 'npm run summary',
      help: 'Prints what the database holds: nodes by label, relationships by type, facts with sources, claims.\n\n  -h, --help    this text',
      options: {},
    });
    await withNeo4j((driver, database) => printSummary(GraphStore.forLoads(driver, database)));
  });
}
