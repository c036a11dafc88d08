/**
 * `npm run export -- [--root ID] [--format json|graphml] [--out FILE]`
 *
 * Writes the whole graph, or the subtree under one entity, as graph.json (importable with
 * `npm run import -- FILE.json`) or GraphML (Gephi, Cytoscape desktop), read in one transaction.
 * Prints the counts and the content hash (the same graph gives the same hash wherever it is stored).
 */
import { createWriteStream, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runCli, withNeo4j } from '../cli.ts';
import { collectGraph, writeGraphJson } from './export-graph.ts';
import { toGraphml } from './graphml.ts';

runCli(async () => {
  const { values } = parseArgs({
    options: { root: { type: 'string' }, format: { type: 'string', default: 'json' }, out: { type: 'string' } },
  });
  if (values.format !== 'json' && values.format !== 'graphml') {
    console.error('--format must be json or graphml\nusage: npm run export -- [--root ID] [--format json|graphml] [--out FILE]');
    process.exit(2);
  }
  const root = values.root ?? null;
  const out = values.out ?? `graph${root ? `-${root}` : ''}.${values.format}`;
  await withNeo4j(async (driver, database) => {
    const started = performance.now();
    if (values.format === 'graphml') {
      const graph = await collectGraph(driver, database, { root });
      writeFileSync(out, toGraphml(graph, root ? `subtree of ${root}` : 'jinan-party-graph'));
      console.log(
        `[export] ${graph.nodes.length} nodes, ${graph.relationships.length} relationships, ${graph.claims.length} claims → ${out}`,
      );
    } else {
      const summary = await writeGraphJson(driver, database, { root }, createWriteStream(out));
      const { nodes, relationships, claims } = summary.counts;
      console.log(`[export] ${nodes} nodes, ${relationships} relationships, ${claims} claims → ${out}; content hash ${summary.hash}`);
    }
    console.log(`[export] ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });
});
