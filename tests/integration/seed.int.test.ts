/**
 * Loading the documented dataset: idempotent (twice gives identical counts and properties), all or
 * nothing (a bad file writes nothing), and every loaded fact carries its source.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SeedError } from '../../data/read-seed.ts';
import { seedDocumented } from '../../data/seed-graph.ts';
import { GraphStore } from '../../graph/graph-store.ts';
import { testDriver } from '../helpers/neo4j.ts';

const { driver, database } = testDriver();
afterAll(() => driver.close());

/** Counts and a fingerprint of every documented node's and relationship's properties. */
async function snapshot() {
  const { records } = await driver.executeQuery(
    `MATCH (n:Entity {synthetic: false}) WHERE n.sourceDocuments[0] <> 'test-fixture'
     WITH n ORDER BY n.id
     WITH collect([n.id, labels(n), properties(n)]) AS nodes
     OPTIONAL MATCH ()-[r]->() WHERE r.synthetic = false AND r.sourceDocuments[0] <> 'test-fixture'
     WITH nodes, r ORDER BY r.id
     WITH nodes, collect([r.id, type(r), properties(r)]) AS rels
     OPTIONAL MATCH (c:Claim) WHERE NOT coalesce(c.synthetic, false)
     WITH nodes, rels, c ORDER BY c.id
     RETURN nodes, rels, collect(properties(c)) AS claims`,
    {},
    { database },
  );
  const row = records[0]!.toObject();
  return { nodes: row.nodes.length, rels: row.rels.length, claims: row.claims.length, fingerprint: JSON.stringify(row) };
}

describe('seed loading', () => {
  it('is idempotent: loading twice leaves identical counts and properties', async () => {
    const before = await snapshot(); // the global setup loaded it once already
    expect(before.nodes).toBeGreaterThan(0);
    const result = await seedDocumented(GraphStore.forLoads(driver, database));
    expect(result.nodes).toBe(before.nodes);
    const after = await snapshot();
    expect(after).toEqual(before);
  });

  it('rejects a malformed file naming file, record and field, and writes nothing', async () => {
    const before = await snapshot();
    const dir = mkdtempSync(join(tmpdir(), 'bad-seed-'));
    writeFileSync(
      join(dir, 'good.yaml'),
      `nodes:\n  - id: sz-only-in-this-test\n    kind: Village\n    name: 测试村\n    basis: inferred\n    basisNote: a test fixture\n    sources:\n      - document: 001_3eafe8dd0ef6123b.txt\n        quote: 夏日的济南市市中区，发展如火。\n`,
    );
    writeFileSync(
      join(dir, 'bad.yaml'),
      `nodes:\n  - id: sz-broken\n    kind: Village\n    name: 坏村\n    basis: stated\n    sources: []\n`,
    );
    const error = await seedDocumented(GraphStore.forLoads(driver, database), dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedError);
    expect((error as SeedError).problems).toEqual([
      { file: 'bad.yaml', record: 'nodes[0] (sz-broken)', field: 'sources', reason: 'every documented fact needs at least one source' },
    ]);
    expect((error as Error).message).toContain('bad.yaml nodes[0] (sz-broken) sources');
    // good.yaml was valid, but nothing is written when any file is bad.
    const { records } = await driver.executeQuery('MATCH (n:Entity {id: "sz-only-in-this-test"}) RETURN n', {}, { database });
    expect(records).toHaveLength(0);
    expect(await snapshot()).toEqual(before);
  });

  it('gives every documented node and relationship at least one source with a quote', async () => {
    const { records } = await driver.executeQuery(
      `CALL () { MATCH (n:Entity {synthetic: false}) WHERE size(coalesce(n.sourceDocuments, [])) = 0 OR size(n.sourceDocuments) <> size(n.sourceQuotes) RETURN count(n) AS badNodes }
       CALL () { MATCH ()-[r]->() WHERE r.synthetic = false AND (size(coalesce(r.sourceDocuments, [])) = 0 OR size(r.sourceDocuments) <> size(r.sourceQuotes)) RETURN count(r) AS badRels }
       RETURN badNodes, badRels`,
      {},
      { database },
    );
    expect(records[0]!.toObject()).toEqual({ badNodes: 0, badRels: 0 });
  });

  it('lists documented records the files no longer hold, removes them on --prune, and never what users added', async () => {
    const report = '济南市历城区党建工作报告.txt';
    const { records } = await driver.executeQuery(
      `MATCH (n:Entity {synthetic: false}) WHERE size(n.sourceDocuments) > 0 AND n.sourceDocuments[0] <> 'test-fixture'
       RETURN n.sourceDocuments[0] AS document, n.id AS id LIMIT 1`,
      {},
      { database },
    );
    const cited = String(records[0]?.get('document') ?? report);
    const anchor = String(records[0]?.get('id'));
    // A record once documented (its only source a cited report) and one a user added (a change).
    await driver.executeQuery(
      `MATCH (a:Entity {id: $anchor})
       CREATE (old:Entity:Place:Village {id: 'lc-seedtest-removed', kind: 'Village', name: '已删除村', synthetic: false,
               sourceDocuments: [$cited], sourceQuotes: ['…']})-[:PART_OF {id: 'lc-seedtest-removed|PART_OF|' + $anchor, synthetic: false, sourceDocuments: [$cited], sourceQuotes: ['…']}]->(a)
       CREATE (:Entity:Place:Village {id: 'ed-village-seedtest', kind: 'Village', name: '用户新建村', synthetic: false,
               sourceDocuments: ['change:chg-1'], sourceQuotes: ['createPlace (no source document given)']})`,
      { anchor, cited },
      { database },
    );
    try {
      const listed = await seedDocumented(GraphStore.forLoads(driver, database));
      expect(listed.pruned).toBe(false);
      expect(listed.stale.nodes).toEqual(['lc-seedtest-removed']);
      expect(listed.stale.relationships).toEqual([{ id: `lc-seedtest-removed|PART_OF|${anchor}`, type: 'PART_OF' }]);
      expect(listed.stale.claims).toEqual([]);

      const before = await snapshot();
      const pruned = await seedDocumented(GraphStore.forLoads(driver, database), undefined, { prune: true });
      expect(pruned.pruned).toBe(true);
      const after = await snapshot();
      expect(after.nodes).toBe(before.nodes - 1);
      const { records: left } = await driver.executeQuery(
        "MATCH (n:Entity) WHERE n.id IN ['lc-seedtest-removed', 'ed-village-seedtest'] RETURN n.id AS id",
        {},
        { database },
      );
      expect(left.map((r) => r.get('id'))).toEqual(['ed-village-seedtest']);
      expect((await seedDocumented(GraphStore.forLoads(driver, database))).stale).toEqual({ nodes: [], relationships: [], claims: [] });
    } finally {
      await driver.executeQuery(
        "MATCH (n:Entity) WHERE n.id IN ['lc-seedtest-removed', 'ed-village-seedtest'] DETACH DELETE n",
        {},
        { database },
      );
    }
  });
});
