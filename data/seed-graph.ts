/**
 * Loads the documented dataset (data/seed/*.yaml) in one transaction: all of it, or nothing. MERGE
 * never deletes, so a record taken out of the files stays in the database: `staleDocumented` lists
 * such records (only those whose every source is one of the reports the seed cites), and `prune`
 * removes them in the same transaction as the load.
 */
import type { GraphStore } from '../graph/graph-store.ts';
import { setDisplayNames } from './display-names.ts';
import type { GraphRecords } from './graph-records.ts';
import { type LoadResult, loadGraph } from './load-graph.ts';
import { buildSeedGraph, readSeedFiles } from './read-seed.ts';

export interface StaleRecords {
  nodes: string[];
  relationships: { id: string; type: string }[];
  claims: string[];
}

export interface SeedResult extends LoadResult {
  /** Documented records the files no longer hold: removed when `prune` was asked, else only listed. */
  stale: StaleRecords;
  pruned: boolean;
}

/** What identifies the seed's records, and the reports they cite. */
function seedKeys(records: GraphRecords) {
  const documents = new Set<string>();
  for (const record of [...records.nodes, ...records.relationships, ...records.claims]) {
    for (const document of (record.props.sourceDocuments as string[] | undefined) ?? []) documents.add(document);
  }
  return {
    documents: [...documents],
    nodeIds: records.nodes.map((n) => n.id),
    relationshipIds: records.relationships.map((r) => String(r.props.id ?? r.id)),
    claimIds: records.claims.map((c) => c.id),
  };
}

export async function seedDocumented(store: GraphStore, seedDir?: string, options: { prune?: boolean } = {}): Promise<SeedResult> {
  // Validation happens before anything is written: a bad file writes nothing.
  const records = seedDir ? buildSeedGraph(readSeedFiles(seedDir)) : buildSeedGraph();
  const result = await loadGraph(store, records, { singleTransaction: true });
  const stale = await store.write(async (tx) => {
    const [row] = await tx.run<{ nodes: string[]; relationships: { id: string; type: string; element: string }[]; claims: string[] }>(
      'load/find-stale-documented',
      seedKeys(records),
    );
    const listed = row ?? { nodes: [], relationships: [], claims: [] };
    if (options.prune) {
      await tx.run('load/delete-stale-documented', {
        nodes: listed.nodes,
        relationshipElements: listed.relationships.map((r) => r.element),
        claims: listed.claims,
      });
    }
    return { nodes: listed.nodes, relationships: listed.relationships.map(({ id, type }) => ({ id, type })), claims: listed.claims };
  });
  // Names that clash get the place that tells them apart (review E-11), once the graph holds both.
  await setDisplayNames(store);
  return { ...result, stale, pruned: options.prune === true };
}

/** True when the documented dataset has been loaded (any documented entity exists). */
export async function hasDocumentedData(store: GraphStore): Promise<boolean> {
  return (await store.read('load/has-documented')).length > 0;
}
