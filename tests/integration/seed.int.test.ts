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
    const result = await seedDocumented(driver, database);
    expect(result.nodes).toBe(before.nodes);
    const after = await snapshot();
    expect(after).toEqual(before);
  });

  it('rejects a malformed file naming file, record and field, and writes nothing', async () => {
    const before = await snapshot();
    const dir = mkdtempSync(join(tmpdir(), 'bad-seed-'));
    writeFileSync(
      join(dir, 'good.yaml'),
      `nodes:\n  - id: sz-only-in-this-test\n    kind: Village\n    name: 测试村\n    sources:\n      - document: 001_3eafe8dd0ef6123b.txt\n        quote: 夏日的济南市市中区，发展如火。\n`,
    );
    writeFileSync(join(dir, 'bad.yaml'), `nodes:\n  - id: sz-broken\n    kind: Village\n    name: 坏村\n    sources: []\n`);
    const error = await seedDocumented(driver, database, dir).catch((e: unknown) => e);
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
});
