/**
 * Loading the synthetic graph into the real Neo4j: the counts in the database are the generated ones,
 * loading again changes nothing, the documented data is untouched, and clearing removes it all.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { generateSynthetic } from '../../data/synthetic/generate.ts';
import { clearSynthetic, countSynthetic, loadSynthetic } from '../../data/synthetic/load-synthetic.ts';
import { testDriver } from '../helpers/neo4j.ts';

const { driver, database } = testDriver();
afterAll(async () => {
  await clearSynthetic(driver, database);
  await driver.close();
});

async function documented() {
  const { records } = await driver.executeQuery(
    'MATCH (n:Entity {synthetic: false}) OPTIONAL MATCH (n)-[r]-() RETURN count(DISTINCT n) AS nodes, count(DISTINCT r) AS rels',
    {},
    { database },
  );
  return records[0]!.toObject();
}

describe('synthetic load', () => {
  it('loads the tiny scale with the generated counts, idempotently, apart from the documented data', async () => {
    const before = await documented();
    let nodes = 0;
    let relationships = 0;
    for (const chunk of generateSynthetic({ seed: 5, scale: 'tiny' })) {
      nodes += chunk.nodes.length;
      relationships += chunk.relationships.length;
    }
    const first = await loadSynthetic(driver, database, { seed: 5, scale: 'tiny' });
    expect(first).toMatchObject({ nodes, relationships });
    const sum = (list: { count: number }[]) => list.reduce((a, b) => a + b.count, 0);
    const counted = await countSynthetic(driver, database);
    expect(sum(counted.nodes)).toBe(nodes);
    expect(sum(counted.relationships.filter((r) => r.key !== 'STATES'))).toBe(relationships);

    await loadSynthetic(driver, database, { seed: 5, scale: 'tiny' });
    expect(await countSynthetic(driver, database)).toEqual(counted);
    expect(await documented()).toEqual(before);

    await clearSynthetic(driver, database);
    expect(sum((await countSynthetic(driver, database)).nodes)).toBe(0);
    expect(await documented()).toEqual(before);
  });
});
