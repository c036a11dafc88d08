/**
 * `npm run export -- [--root ID] [--format json|graphml] [--out FILE]`
 *
 * Writes the whole graph, or the subtree under one entity, as graph.json (importable with
 * `npm run import -- FILE.json`) or GraphML (Gephi, Cytoscape desktop), read in one transaction.
 * Prints the counts and the content hash (the same graph gives the same hash wherever it is stored).
 * The file appears only when complete: an unknown root or a failure leaves nothing behind.
 */
import { parseCommand, runCli, UsageError, withNeo4j, writeOutput } from '../../db/cli.ts';
import { GraphStore } from '../../graph/graph-store.ts';
import { collectGraph, RootNotFound, writeGraphJson } from './export-graph.ts';
import { toGraphml } from './graphml.ts';

const COMMAND = {
  usage: 'npm run export -- [--root ID] [--format json|graphml] [--out FILE]',
  help: `Writes the whole graph, or the subtree of one area, read in one transaction, as graph.json
(importable with npm run import) or GraphML (Gephi, Cytoscape desktop); prints the content hash.

  --root ID          the area whose subtree to write (default: the whole graph)
  --format FORMAT    json (default) or graphml
  --out FILE         where to write it (default graph[-ROOT].json|graphml)
  -h, --help         this text`,
  options: { root: { type: 'string' }, format: { type: 'string', default: 'json' }, out: { type: 'string' } },
} as const;

runCli(async () => {
  const { values } = parseCommand(COMMAND);
  if (values.format !== 'json' && values.format !== 'graphml')
    throw new UsageError(`--format must be json or graphml, not "${values.format}"`);
  const root = values.root ?? null;
  const out = values.out ?? `graph${root ? `-${root}` : ''}.${values.format}`;
  await withNeo4j(async (driver, database) => {
    const started = performance.now();
    try {
      if (values.format === 'graphml') {
        const graph = await collectGraph(GraphStore.forLoads(driver, database), { root });
        await writeOutput(out, async (stream) => {
          stream.end(toGraphml(graph, root ? `subtree of ${root}` : 'jinan-party-graph'));
        });
        console.log(
          `[export] ${graph.nodes.length} nodes, ${graph.relationships.length} relationships, ${graph.claims.length} claims → ${out}`,
        );
      } else {
        const summary = await writeOutput(out, (stream) => writeGraphJson(GraphStore.forLoads(driver, database), { root }, stream));
        const { nodes, relationships, claims } = summary.counts;
        console.log(`[export] ${nodes} nodes, ${relationships} relationships, ${claims} claims → ${out}; content hash ${summary.hash}`);
      }
    } catch (error) {
      if (error instanceof RootNotFound) throw new UsageError(`--root: no entity has id "${error.root}"; nothing was written`);
      throw error;
    }
    console.log(`[export] ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });
});
