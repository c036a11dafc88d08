/** `npm run seed:check`: validates the documented dataset without a database and prints its size. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommand, runCli } from '../db/cli.ts';
import { checkInventories, readInventories } from './inventory/read-inventory.ts';
import { buildSeedGraph, SOURCES_DIR } from './read-seed.ts';

runCli(async () => {
  parseCommand({
    usage: 'npm run seed:check',
    help: 'Validates the documented dataset without a database (schema, references, every quote found in its report) and the\ninventory of what each report states (data/inventory: every sentence found in its report, every id in the seed).\n\n  -h, --help    this text',
    options: {},
  });
  const graph = buildSeedGraph();
  const byKind = new Map<string, number>();
  for (const node of graph.nodes) byKind.set(String(node.props.kind), (byKind.get(String(node.props.kind)) ?? 0) + 1);
  const byType = new Map<string, number>();
  for (const rel of graph.relationships) byType.set(rel.type, (byType.get(rel.type) ?? 0) + 1);
  const inventories = readInventories();
  const reports = new Map(
    readdirSync(SOURCES_DIR)
      .filter((n) => n.endsWith('.txt'))
      .map((n) => [n, readFileSync(join(SOURCES_DIR, n), 'utf8')]),
  );
  const problems = checkInventories(inventories, reports, new Set(graph.nodes.map((node) => node.id)));
  if (problems.length > 0) throw new Error(`the inventory has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  console.log(`seed ok: ${graph.nodes.length} nodes, ${graph.relationships.length} relationships, ${graph.claims.length} claims`);
  const facts = inventories.reduce((n, inventory) => n + inventory.sentences.reduce((m, s) => m + s.facts.length, 0), 0);
  console.log(`inventory ok: ${facts} facts in ${inventories.length} reports, every sentence word for word in its report`);
  console.log('nodes by kind:', Object.fromEntries([...byKind].sort()));
  console.log('relationships by type:', Object.fromEntries([...byType].sort()));
}, 'seed:check');
