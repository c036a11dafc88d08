/**
 * Loading the synthetic graph into the real Neo4j: the database holds exactly the generated counts,
 * loading again changes nothing, the documented data is untouched, the API's audits and claims check
 * work on it, and clearing removes it all (afterAll, so later test files see only documented data).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSynthetic, idPrefix, type SyntheticOptions, tallySynthetic } from '../../data/synthetic/generate.ts';
import { clearSynthetic, countSynthetic, loadSynthetic } from '../../data/synthetic/load-synthetic.ts';
import { GraphStore } from '../../graph/graph-store.ts';
import { buildTestApp, gql } from '../helpers/app.ts';
import { testDriver } from '../helpers/neo4j.ts';

const OPTIONS: SyntheticOptions = { seed: 5, scale: 'tiny' };
const PREFIX = idPrefix(OPTIONS);
const expected = tallySynthetic(OPTIONS);
const { driver, database } = testDriver();
let app: Awaited<ReturnType<typeof buildTestApp>>;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await clearSynthetic(GraphStore.forLoads(driver, database));
  await app?.close();
  await driver.close();
});

/** Everything that is not synthetic: counts and a fingerprint of ids and properties. */
async function documented() {
  const { records } = await driver.executeQuery(
    `CALL () { MATCH (n:Entity) WHERE NOT coalesce(n.synthetic, false) WITH n ORDER BY n.id RETURN count(n) AS nodes, collect(properties(n)) AS nodeProps }
     CALL () { MATCH ()-[r]->() WHERE NOT coalesce(r.synthetic, false) AND type(r) <> 'STATES' RETURN count(r) AS rels }
     CALL () { MATCH (c:Claim) WHERE NOT coalesce(c.synthetic, false) RETURN count(c) AS claims }
     RETURN nodes, rels, claims, nodeProps`,
    {},
    { database },
  );
  const row = records[0]!.toObject();
  return { nodes: row.nodes, rels: row.rels, claims: row.claims, fingerprint: JSON.stringify(row.nodeProps) };
}

const asMap = (list: { key: string; count: number }[]) => new Map(list.map((row) => [row.key, row.count]));

describe('synthetic load', () => {
  let before: Awaited<ReturnType<typeof documented>>;

  it('loads a few thousand nodes with exactly the generated counts by kind and by type', async () => {
    before = await documented();
    expect(before.nodes).toBeGreaterThan(0);
    expect(expected.nodes).toBeGreaterThan(1_000);

    const result = await loadSynthetic(GraphStore.forLoads(driver, database), OPTIONS);
    // Nothing under the prefix yet: a fresh load, with CREATE.
    expect(result).toMatchObject({
      mode: 'create',
      nodes: expected.nodes,
      relationships: expected.relationships,
      claims: expected.claims,
      chunks: 1,
    });

    const counted = await countSynthetic(GraphStore.forLoads(driver, database), PREFIX);
    expect(asMap(counted.nodes)).toEqual(expected.kinds);
    // Claims hang off their subject by STATES, which the loader adds.
    expect(asMap(counted.relationships)).toEqual(new Map([...expected.types, ['STATES', expected.claims]]));
    expect(counted.claims).toBe(expected.claims);

    const { records } = await driver.executeQuery(
      `MATCH (n:Synthetic) WHERE n.id STARTS WITH $prefix
       RETURN count(n) AS all, count(CASE WHEN n.synthetic = true AND n:Entity AND n.name STARTS WITH '合成·' AND size(n.sourceDocuments) = 1 THEN 1 END) AS marked`,
      { prefix: PREFIX },
      { database },
    );
    expect(records[0]!.get('marked')).toBe(records[0]!.get('all'));
  });

  it('loads again without changing anything (idempotent)', async () => {
    const first = await countSynthetic(GraphStore.forLoads(driver, database), PREFIX);
    const again = await loadSynthetic(GraphStore.forLoads(driver, database), OPTIONS);
    expect(again.mode).toBe('merge');
    expect(await countSynthetic(GraphStore.forLoads(driver, database), PREFIX)).toEqual(first);
  });

  it('leaves the documented data as it was, and links no synthetic node to it', async () => {
    expect(await documented()).toEqual(before);
    const { records } = await driver.executeQuery(
      `MATCH (s:Synthetic)-[r]-(d:Entity) WHERE s.id STARTS WITH 'syn-' AND NOT coalesce(d.synthetic, false) RETURN count(r) AS links`,
      {},
      { database },
    );
    expect(records[0]!.get('links')).toBe(0);
  });

  it('answers the audit API: the planted gaps are found, and nothing the generator keeps clean', async () => {
    const [chunk] = [...generateSynthetic(OPTIONS)];
    const district = chunk!.nodes.find((n) => n.props.kind === 'District')!.id;
    const { data, errors } = await gql<{ findings: any }>(
      app,
      `{ findings(area: "${district}", asOf: "2026-01-01", first: 500) { totalCount byRule { rule { id } count } } }`,
    );
    expect(errors).toBeUndefined();
    const byRule = Object.fromEntries(data!.findings.byRule.map((r: any) => [r.rule.id, r.count]));

    // Villages with no active enterprise pairing, as the generator made them.
    const villages = chunk!.nodes.filter((n) => n.props.kind === 'Village').length;
    const paired = new Set(
      chunk!.relationships.filter((r) => r.props.kind === 'EnterpriseVillage' && r.props.status === 'active').map((r) => r.to),
    );
    expect(villages - paired.size).toBeGreaterThan(0);
    expect(byRule['village-without-pairing']).toBe(villages - paired.size);
    // District 0 plants a building with enterprises but no committee and a chain no role leads.
    expect(byRule['building-without-committee']).toBeGreaterThanOrEqual(1);
    expect(byRule['chain-without-leader']).toBeGreaterThanOrEqual(1);
    for (const clean of ['joint-committee-across-subdistricts', 'organization-without-parent', 'hierarchy-cycle', 'duplicate-name']) {
      expect(byRule[clean] ?? 0, clean).toBe(0);
    }

    // The claims check counts the same pairings the generator made.
    const claims = await gql<{ claimsCheck: any[] }>(
      app,
      `{ claimsCheck(area: "${district}") { subject { id } metric value graphValue status } }`,
    );
    expect(claims.errors).toBeUndefined();
    const enterprises = new Set(
      chunk!.relationships.filter((r) => r.props.kind === 'EnterpriseVillage' && r.props.status === 'active').map((r) => r.from),
    );
    const pairingClaim = claims.data!.claimsCheck.find((c) => c.metric === 'enterpriseVillagePairings');
    expect(pairingClaim).toMatchObject({ subject: { id: `${district}-dc` }, graphValue: enterprises.size });
    expect(pairingClaim.status).toBe(
      pairingClaim.value === enterprises.size
        ? 'MATCHES'
        : pairingClaim.value > enterprises.size
          ? 'GRAPH_HOLDS_FEWER'
          : 'GRAPH_HOLDS_MORE',
    );
  });

  it('clears every synthetic node, relationship and claim, and nothing else', async () => {
    const cleared = await clearSynthetic(GraphStore.forLoads(driver, database));
    expect(cleared.nodesDeleted).toBe(expected.nodes + expected.claims);
    const counted = await countSynthetic(GraphStore.forLoads(driver, database), 'syn-');
    expect(counted).toEqual({ nodes: [], relationships: [], claims: 0 });
    expect(await documented()).toEqual(before);
  });
});
