/**
 * Issue #14 item 6: synthetic data (合成·, npm run generate) never leaks into real answers. Every
 * question takes includeSynthetic (false by default, server/resolvers/areas.ts showSynthetic); a
 * question about a synthetic area shows its synthetic data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idPrefix, type SyntheticOptions } from '../../data/synthetic/generate.ts';
import { clearSynthetic, loadSynthetic } from '../../data/synthetic/load-synthetic.ts';
import { buildTestApp, gql } from '../helpers/app.ts';
import { testDriver } from '../helpers/neo4j.ts';

const OPTIONS: SyntheticOptions = { seed: 7, scale: 'tiny' };
const { driver, database } = testDriver();
let app: Awaited<ReturnType<typeof buildTestApp>>;

beforeAll(async () => {
  await loadSynthetic(driver, database, OPTIONS);
  app = await buildTestApp();
});
afterAll(async () => {
  await clearSynthetic(driver, database);
  await app?.close();
  await driver.close();
});

type Pairings = { pairings: { totalCount: number; nodes: { synthetic: boolean; partner: { name: string } }[] } };

describe('includeSynthetic', () => {
  it('pairings lists no 合成· pairing by default, and lists them when asked', async () => {
    const hidden = await gql<Pairings>(app, '{ pairings(first: 500) { totalCount nodes { synthetic partner { name } } } }');
    expect(hidden.errors).toBeUndefined();
    expect(hidden.data!.pairings.nodes.filter((p) => p.synthetic || p.partner.name.startsWith('合成·'))).toEqual([]);
    const shown = await gql<Pairings>(
      app,
      '{ pairings(first: 500, includeSynthetic: true) { totalCount nodes { synthetic partner { name } } } }',
    );
    expect(shown.errors).toBeUndefined();
    const synthetic = shown.data!.pairings.nodes.filter((p) => p.synthetic);
    expect(synthetic.length).toBeGreaterThan(0);
    expect(synthetic.every((p) => p.partner.name.startsWith('合成·'))).toBe(true);
    expect(shown.data!.pairings.totalCount).toBe(hidden.data!.pairings.totalCount + synthetic.length);
  });

  it('pairingCoverage of a synthetic area counts its synthetic villages and pairings', async () => {
    const { records } = await driver.executeQuery(
      'MATCH (d:District) WHERE d.id STARTS WITH $prefix RETURN d.id AS id LIMIT 1',
      { prefix: idPrefix(OPTIONS) },
      { database },
    );
    const district = records[0]!.get('id') as string;
    const { data, errors } = await gql<{ pairingCoverage: { villages: number; paired: number } }>(
      app,
      `{ pairingCoverage(area: "${district}") { villages paired } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.pairingCoverage.villages).toBeGreaterThan(0);
    expect(data!.pairingCoverage.paired).toBeGreaterThan(0);
  });
});
