/**
 * Issue #14 item 6: synthetic data (合成·, npm run generate) never leaks into real answers. Every
 * question takes includeSynthetic (false by default, server/services/areas.ts showSynthetic); a
 * question about a synthetic area shows its synthetic data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idPrefix, type SyntheticOptions } from '../../data/synthetic/generate.ts';
import { clearSynthetic, loadSynthetic } from '../../data/synthetic/load-synthetic.ts';
import { GraphStore } from '../../graph/graph-store.ts';
import { buildTestApp, gql } from '../helpers/app.ts';
import { testDriver } from '../helpers/neo4j.ts';

const OPTIONS: SyntheticOptions = { seed: 7, scale: 'tiny' };
const { driver, database } = testDriver();
let app: Awaited<ReturnType<typeof buildTestApp>>;

beforeAll(async () => {
  await loadSynthetic(GraphStore.forLoads(driver, database), OPTIONS);
  app = await buildTestApp();
});
afterAll(async () => {
  await clearSynthetic(GraphStore.forLoads(driver, database));
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

/**
 * Every question that lists graph data (tests/unit/synthetic-argument.test.ts reads them from the
 * SDL): by default no synthetic item, with includeSynthetic: true some, all of them 合成·.
 */
describe('includeSynthetic on every list, the same way', () => {
  type Item = { synthetic: boolean; name: string };
  const QUESTIONS: Record<string, { query: (show: boolean) => string; items: (data: Record<string, unknown>) => Item[] }> = {
    organizations: {
      query: (show) => `{ organizations(first: 500, includeSynthetic: ${show}) { nodes { synthetic name } } }`,
      items: (d) => (d.organizations as { nodes: Item[] }).nodes,
    },
    buildings: {
      query: (show) => `{ buildings(first: 500, includeSynthetic: ${show}) { nodes { synthetic name } } }`,
      items: (d) => (d.buildings as { nodes: Item[] }).nodes,
    },
    findings: {
      query: (show) => `{ findings(first: 500, includeSynthetic: ${show}) { nodes { entity { synthetic name } } } }`,
      items: (d) => (d.findings as { nodes: { entity: Item }[] }).nodes.map((f) => f.entity),
    },
    industryChains: {
      query: (show) => `{ industryChains(includeSynthetic: ${show}) { synthetic name } }`,
      items: (d) => d.industryChains as Item[],
    },
    search: {
      query: (show) => `{ search(text: "合成", first: 100, includeSynthetic: ${show}) { synthetic name } }`,
      items: (d) => d.search as Item[],
    },
    pairings: {
      query: (show) => `{ pairings(first: 500, includeSynthetic: ${show}) { nodes { synthetic partner { name } } } }`,
      items: (d) =>
        (d.pairings as { nodes: { synthetic: boolean; partner: { name: string } }[] }).nodes.map((p) => ({
          synthetic: p.synthetic,
          name: p.partner.name,
        })),
    },
    claimsCheck: {
      query: (show) => `{ claimsCheck(includeSynthetic: ${show}) { subject { synthetic name } } }`,
      items: (d) => (d.claimsCheck as { subject: Item }[]).map((c) => c.subject),
    },
    chainElements: {
      query: (show) => `{ chainElements(includeSynthetic: ${show}) { nodes { data { synthetic label } } } }`,
      items: (d) =>
        (d.chainElements as { nodes: { data: { synthetic: boolean; label: string } }[] }).nodes.map((n) => ({
          synthetic: n.data.synthetic,
          name: n.data.label,
        })),
    },
  };

  for (const [name, question] of Object.entries(QUESTIONS)) {
    it(`${name}: hidden by default, shown when asked`, async () => {
      const hidden = await gql<Record<string, unknown>>(app, question.query(false));
      expect(hidden.errors, name).toBeUndefined();
      expect(question.items(hidden.data!).filter((i) => i.synthetic || i.name.startsWith('合成·'))).toEqual([]);
      const byDefault = await gql<Record<string, unknown>>(
        app,
        question
          .query(false)
          .replace(/,? ?includeSynthetic: false/, '')
          .replace('()', ''),
      );
      expect(byDefault.errors, name).toBeUndefined();
      expect(question.items(byDefault.data!).filter((i) => i.synthetic)).toEqual([]);
      const shown = await gql<Record<string, unknown>>(app, question.query(true));
      expect(shown.errors, name).toBeUndefined();
      const synthetic = question.items(shown.data!).filter((i) => i.synthetic);
      expect(synthetic.length, name).toBeGreaterThan(0);
      expect(
        synthetic.every((i) => i.name.startsWith('合成·')),
        name,
      ).toBe(true);
    });
  }
});
