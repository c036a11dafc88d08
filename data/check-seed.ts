/** `npm run seed:check`: validates the documented dataset without a database and prints its size. */
import { parseCommand, runCli } from './cli.ts';
import { buildSeedGraph } from './read-seed.ts';

runCli(async () => {
  parseCommand({
    usage: 'npm run seed:check',
    help: 'Validates the documented dataset without a database (schema, references, every quote found in its report).\n\n  -h, --help    this text',
    options: {},
  });
  const graph = buildSeedGraph();
  const byKind = new Map<string, number>();
  for (const node of graph.nodes) byKind.set(String(node.props.kind), (byKind.get(String(node.props.kind)) ?? 0) + 1);
  const byType = new Map<string, number>();
  for (const rel of graph.relationships) byType.set(rel.type, (byType.get(rel.type) ?? 0) + 1);
  console.log(`seed ok: ${graph.nodes.length} nodes, ${graph.relationships.length} relationships, ${graph.claims.length} claims`);
  console.log('nodes by kind:', Object.fromEntries([...byKind].sort()));
  console.log('relationships by type:', Object.fromEntries([...byType].sort()));
}, 'seed:check');
