/**
 * The benchmark's stores (bench/lib/stores.ts) write the synthetic graph with Neo4j's offline importer:
 * the store then holds exactly the generated graph (counts by kind and type, every node marked
 * synthetic, claims linked), with its constraints and indexes online; a second open reuses it; and a
 * store that holds anything else is never replaced, but loaded online beside what it holds.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../bench/lib/stores.ts';
import { idPrefix, type SyntheticOptions, tallySynthetic } from '../../data/synthetic/generate.ts';
import { countSynthetic } from '../../data/synthetic/load-synthetic.ts';
import { GraphStore } from '../../graph/graph-store.ts';

const OPTIONS: SyntheticOptions = { seed: 11, scale: 'tiny' };
const PREFIX = idPrefix(OPTIONS);
const expected = tallySynthetic(OPTIONS);
const dir = `test-bench-store-${process.pid}`;
const open = () => openStore({ ...OPTIONS, dir, heap: '512m', pageCache: '64m', log: () => {} });
afterAll(() => rmSync(resolve('.data', dir), { recursive: true, force: true }));

const asMap = (list: { key: string; count: number }[]) => new Map(list.map((row) => [row.key, Number(row.count)]));

describe('a bench store written by the offline importer', () => {
  it('holds exactly the generated graph, marked synthetic, with claims linked and every index online', { timeout: 600_000 }, async () => {
    const store = await open();
    try {
      expect(store.load).toMatchObject({ mode: 'import', fresh: true, nodes: expected.nodes, relationships: expected.relationships });
      const counted = await countSynthetic(GraphStore.forLoads(store.driver, 'neo4j'), PREFIX);
      expect(asMap(counted.nodes)).toEqual(expected.kinds);
      expect(asMap(counted.relationships)).toEqual(new Map([...expected.types, ['STATES', expected.claims]]));
      expect(counted.claims).toBe(expected.claims);
      const q = async (query: string) => (await store.driver.executeQuery(query, {}, { database: 'neo4j' })).records[0]!.toObject();
      expect(
        await q(`MATCH (n) RETURN count(n) AS all,
          count(CASE WHEN n.synthetic = true AND n.id STARTS WITH '${PREFIX}' AND size(n.sourceDocuments) = 1 THEN 1 END) AS marked`),
      ).toEqual({ all: expected.nodes + expected.claims, marked: expected.nodes + expected.claims });
      expect(
        await q(`MATCH ()-[r]->() WHERE type(r) <> 'STATES' RETURN count(r) = count(CASE WHEN r.synthetic = true THEN 1 END) AS marked`),
      ).toEqual({
        marked: true,
      });
      expect(await q(`SHOW INDEXES YIELD state WHERE state <> 'ONLINE' RETURN count(*) AS notOnline`)).toEqual({ notOnline: 0 });
      // The full-text index was built over the imported names (the cjk analyzer: a two-character word).
      expect(
        (await q(`CALL db.index.fulltext.queryNodes('entity_names', '合成') YIELD node RETURN count(node) AS hits`)).hits,
      ).toBeGreaterThan(0);
      // The unique constraint holds over imported ids: a second node with a taken id is refused.
      await expect(
        store.driver.executeQuery(`MATCH (n:Synthetic) WITH n LIMIT 1 CREATE (:Entity {id: n.id})`, {}, { database: 'neo4j' }),
      ).rejects.toThrow(/already exists/);
    } finally {
      await store.stop();
    }
  });

  it('is reused by the next open, with the stamp of its load', { timeout: 600_000 }, async () => {
    const store = await open();
    try {
      expect(store.load).toMatchObject({ mode: 'import', fresh: false, nodes: expected.nodes });
      expect(store.nodes).toBe(expected.nodes);
    } finally {
      await store.stop();
    }
  });

  it('is not replaced when it holds data that is not synthetic: the graph is loaded online beside it', { timeout: 600_000 }, async () => {
    let store = await open();
    try {
      // Something documented, and a synthetic graph no longer whole: the next open must reload it.
      await store.driver.executeQuery(
        `CREATE (:Entity {id: 'jn-kept', name: 'kept'}) WITH 1 AS one MATCH (n:Synthetic) WITH n LIMIT 1 DETACH DELETE n`,
        {},
        { database: 'neo4j' },
      );
    } finally {
      await store.stop();
    }
    store = await open();
    try {
      expect(store.load).toMatchObject({ mode: 'create', fresh: true, nodes: expected.nodes });
      expect(store.nodes).toBe(expected.nodes);
      const { records } = await store.driver.executeQuery(
        `MATCH (n:Entity {id: 'jn-kept'}) RETURN n.name AS name`,
        {},
        { database: 'neo4j' },
      );
      expect(records.map((r) => r.get('name'))).toEqual(['kept']);
    } finally {
      await store.stop();
    }
  });
});
