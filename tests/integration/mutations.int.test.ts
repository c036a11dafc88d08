/**
 * Mutations for the data staff against the real Neo4j: each success is read back through GraphQL and
 * Cypher and recorded in the change log; each refusal names the field, carries its code and writes
 * nothing; pairings end by closing their interval and re-match with their history intact.
 */
import { describe, expect, it } from 'vitest';
import { gql } from '../helpers/app.ts';
import { withFixtureApp } from '../helpers/fixture.ts';

const P = 'tm';
const fixture = withFixtureApp(P);
const { id, driver, database } = fixture;

async function counts() {
  const { records } = await driver.executeQuery(
    `CALL () { MATCH (n:Entity) RETURN count(n) AS nodes }
     CALL () { MATCH ()-[r]->() RETURN count(r) AS rels }
     CALL () { MATCH (c:Change) RETURN count(c) AS changes }
     RETURN nodes, rels, changes`,
    {},
    { database },
  );
  return records[0]!.toObject();
}

async function mutate<T = any>(query: string, actor = 'clerk-1') {
  const response = await fixture.app.inject({ method: 'POST', url: '/graphql', headers: { 'x-actor': actor }, payload: { query } });
  return response.json() as { data?: T; errors?: { message: string; extensions: Record<string, unknown> }[] };
}

/** Runs a mutation that must be refused and checks that nothing was written. */
async function refused(query: string, code: string, field: string) {
  const before = await counts();
  const result = await mutate(query);
  expect(result.errors?.[0]?.extensions, result.errors?.[0]?.message).toMatchObject({ code, field });
  expect(await counts()).toEqual(before);
  return result.errors![0]!.message;
}

describe('organizations and places', () => {
  it('creates an organization under a parent, governing a place, with the change logged', async () => {
    const result = await mutate(
      `mutation { createOrganization(input: { id: "${id('new-branch')}", name: "${P}新村党支部", kind: "Branch", parentId: "${id('jc')}",
          governsPlaceId: "${id('v3')}", source: { document: "区委组织部〔2025〕1号", quote: "成立新村党支部" } }) { id kind parent { id } sources { document } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.createOrganization).toEqual({
      id: id('new-branch'),
      kind: 'Branch',
      parent: { id: id('jc') },
      sources: [{ document: '区委组织部〔2025〕1号' }],
    });
    const { records } = await driver.executeQuery(
      'MATCH (b:Branch:Organization:Entity {id: $id})-[:GOVERNS]->(v) RETURN v.id AS village',
      { id: id('new-branch') },
      { database },
    );
    expect(records.map((r) => r.get('village'))).toEqual([id('v3')]);
    const log = await gql<any>(
      fixture.app,
      `{ changes(entityId: "${id('new-branch')}") { nodes { action actor entityKind before after source } } }`,
    );
    expect(log.data.changes.nodes).toHaveLength(1);
    expect(log.data.changes.nodes[0]).toMatchObject({
      action: 'createOrganization',
      actor: 'clerk-1',
      entityKind: 'Organization',
      before: null,
      source: '区委组织部〔2025〕1号',
    });
    expect(JSON.parse(log.data.changes.nodes[0].after)).toMatchObject({ name: `${P}新村党支部`, parentId: id('jc') });
  });

  it('refuses bad input with the field named, and writes nothing', async () => {
    await refused(
      `mutation { createOrganization(input: { name: "x", kind: "Castle", parentId: "${id('jc')}" }) { id } }`,
      'BAD_USER_INPUT',
      'input.kind',
    );
    await refused(
      `mutation { createOrganization(input: { name: "x", kind: "Branch", parentId: "nope" }) { id } }`,
      'NOT_FOUND',
      'input.parentId',
    );
    await refused(
      `mutation { createOrganization(input: { name: "x", kind: "Branch", parentId: "${id('v1')}" }) { id } }`,
      'BAD_USER_INPUT',
      'input.parentId',
    );
    await refused(
      `mutation { createOrganization(input: { name: "  ", kind: "Branch", parentId: "${id('jc')}" }) { id } }`,
      'BAD_USER_INPUT',
      'input.name',
    );
    await refused(
      `mutation { createOrganization(input: { id: "Bad Id", name: "x", kind: "Branch", parentId: "${id('jc')}" }) { id } }`,
      'BAD_USER_INPUT',
      'input.id',
    );
    await refused(
      `mutation { createOrganization(input: { id: "${id('b1')}", name: "x", kind: "Branch", parentId: "${id('jc')}" }) { id } }`,
      'CONFLICT',
      'input.id',
    );
    await refused(
      `mutation { createPlace(input: { name: "x", kind: "Branch", parentId: "${id('sub1')}" }) { id } }`,
      'BAD_USER_INPUT',
      'input.kind',
    );
  });

  it('creates a place and renames organizations and places', async () => {
    const created = await mutate(
      `mutation { createPlace(input: { id: "${id('v9')}", name: "${P}九村", kind: "Village", parentId: "${id('sub2')}" }) { id parent { id } } }`,
    );
    expect(created.data.createPlace).toEqual({ id: id('v9'), parent: { id: id('sub2') } });
    const renamed = await mutate(
      `mutation { updatePlace(id: "${id('v9')}", input: { name: "${P}九号村", nameEn: "Village Nine" }) { name nameEn sources { document } } }`,
    );
    expect(renamed.data.updatePlace).toMatchObject({ name: `${P}九号村`, nameEn: 'Village Nine' });
    expect(renamed.data.updatePlace.sources).toHaveLength(2);
    const org = await mutate(`mutation { updateOrganization(id: "${id('jc')}", input: { nameEn: "Test Joint Committee" }) { nameEn } }`);
    expect(org.data.updateOrganization.nameEn).toBe('Test Joint Committee');
    await refused(`mutation { updateOrganization(id: "${id('v1')}", input: { name: "x" }) { id } }`, 'BAD_USER_INPUT', 'id');
    await refused(`mutation { updatePlace(id: "${id('v1')}", input: {}) { id } }`, 'BAD_USER_INPUT', 'input');
  });

  it('moves an organization to a new parent and refuses a cycle', async () => {
    const moved = await mutate(
      `mutation { moveOrganization(id: "${id('jc')}", newParentId: "${id('sw2')}", reason: "区划调整") { id parent { id } ancestors { id } } }`,
    );
    expect(moved.errors).toBeUndefined();
    const check = await gql<any>(fixture.app, `{ organization(id: "${id('jc')}") { parent { id } } }`);
    expect(check.data.organization.parent.id).toBe(id('sw2'));
    const message = await refused(
      `mutation { moveOrganization(id: "${id('sw2')}", newParentId: "${id('b1')}") { id } }`,
      'CONFLICT',
      'newParentId',
    );
    expect(message).toContain('cycle');
    await refused(`mutation { moveOrganization(id: "${id('jc')}", newParentId: "${id('jc')}") { id } }`, 'CONFLICT', 'newParentId');
    await refused(`mutation { moveOrganization(id: "${id('jc')}", newParentId: "${id('sw2')}") { id } }`, 'BAD_USER_INPUT', 'newParentId');
    const log = await gql<any>(
      fixture.app,
      `{ changes(entityId: "${id('jc')}", action: "moveOrganization") { nodes { before after reason } } }`,
    );
    expect(log.data.changes.nodes[0]).toEqual({
      before: JSON.stringify({ parentId: id('sw1') }),
      after: JSON.stringify({ parentId: id('sw2') }),
      reason: '区划调整',
    });
  });
});

describe('pairings', () => {
  it('starts a pairing, refuses an overlapping one and wrong kinds', async () => {
    const started = await mutate(
      `mutation { startPairing(input: { id: "${id('p4')}", kind: EnterpriseVillage, partnerId: "${id('e2')}", targetId: "${id('v4')}",
          programme: "万人下乡、千村提升", validFrom: "2025-01-01" }) { id status validFrom partner { id } target { id } } }`,
    );
    expect(started.data.startPairing).toEqual({
      id: id('p4'),
      status: 'active',
      validFrom: '2025-01-01',
      partner: { id: id('e2') },
      target: { id: id('v4') },
    });
    await refused(
      `mutation { startPairing(input: { kind: EnterpriseVillage, partnerId: "${id('e2')}", targetId: "${id('v4')}", validFrom: "2025-06-01" }) { id } }`,
      'CONFLICT',
      'input.partnerId',
    );
    await refused(
      `mutation { startPairing(input: { kind: EnterpriseVillage, partnerId: "${id('v1')}", targetId: "${id('v4')}", validFrom: "2025-06-01" }) { id } }`,
      'BAD_USER_INPUT',
      'input.partnerId',
    );
    await refused(
      `mutation { startPairing(input: { kind: EnterpriseVillage, partnerId: "${id('e1')}", targetId: "${id('c1')}", validFrom: "2025-06-01" }) { id } }`,
      'BAD_USER_INPUT',
      'input.targetId',
    );
    await refused(
      `mutation { startPairing(input: { kind: EnterpriseVillage, partnerId: "${id('e1')}", targetId: "${id('v5')}", validFrom: "2025-02-30" }) { id } }`,
      'BAD_USER_INPUT',
      'input.validFrom',
    );
  });

  it('ends a pairing by closing its interval: coverage before the end still counts it', async () => {
    await refused(`mutation { endPairing(id: "${id('p4')}", validTo: "2024-12-31", reason: "x") { id } }`, 'BAD_USER_INPUT', 'validTo');
    const ended = await mutate(
      `mutation { endPairing(id: "${id('p4')}", validTo: "2025-03-31", reason: "企业经营调整") { status validTo reason } }`,
    );
    expect(ended.data.endPairing).toEqual({ status: 'ended', validTo: '2025-03-31', reason: '企业经营调整' });
    const { records } = await driver.executeQuery(
      'MATCH ()-[r:PAIRED_WITH {id: $id}]->() RETURN r.status AS status',
      { id: id('p4') },
      { database },
    );
    expect(records.map((r) => r.get('status'))).toEqual(['ended']); // kept, not deleted
    const cov = await gql<any>(
      fixture.app,
      `{ before: pairingCoverage(area: "${id('v4')}", asOf: "2025-02-01") { paired } after: pairingCoverage(area: "${id('v4')}", asOf: "2025-04-01") { paired } }`,
    );
    expect(cov.data).toEqual({ before: { paired: 1 }, after: { paired: 0 } });
    await refused(`mutation { endPairing(id: "${id('p4')}", validTo: "2025-05-01", reason: "again") { id } }`, 'CONFLICT', 'id');
    await refused(`mutation { endPairing(id: "nope", validTo: "2025-05-01", reason: "x") { id } }`, 'NOT_FOUND', 'id');
  });

  it('re-matches a pairing to another enterprise: the old one ends the day before, the new one records what it replaces', async () => {
    const result = await mutate(
      `mutation { rematchPairing(id: "${id('p1')}", newPartnerId: "${id('e2')}", date: "2025-07-01", reason: "主营业务与村庄发展需求不匹配") {
          id partner { id } target { id } validFrom replaces programme } }`,
    );
    expect(result.errors).toBeUndefined();
    const fresh = result.data.rematchPairing;
    expect(fresh).toMatchObject({
      partner: { id: id('e2') },
      target: { id: id('v1') },
      validFrom: '2025-07-01',
      replaces: id('p1'),
      programme: '万人下乡、千村提升',
    });
    const old = await gql<any>(fixture.app, `{ pairing(id: "${id('p1')}") { status validTo reason } }`);
    expect(old.data.pairing).toEqual({ status: 'ended', validTo: '2025-06-30', reason: '主营业务与村庄发展需求不匹配' });
    const history = await gql<any>(
      fixture.app,
      `{ a: changes(entityId: "${id('p1')}") { nodes { action } } b: changes(entityId: "${fresh.id}") { nodes { action } } }`,
    );
    expect(history.data).toEqual({ a: { nodes: [{ action: 'endPairing' }] }, b: { nodes: [{ action: 'rematchPairing' }] } });
    await refused(
      `mutation { rematchPairing(id: "${fresh.id}", newPartnerId: "${id('e2')}", date: "2025-08-01", reason: "x") { id } }`,
      'BAD_USER_INPUT',
      'newPartnerId',
    );
  });
});

describe('change log', () => {
  it('filters by actor, action and time, pages newest first, and checks its arguments', async () => {
    await mutate(`mutation { updatePlace(id: "${id('v5')}", input: { nameEn: "Five" }) { id } }`, 'clerk-2');
    const mine = await gql<any>(fixture.app, `{ changes(actor: "clerk-2") { totalCount nodes { action entityId } } }`);
    expect(mine.data.changes.totalCount).toBe(1);
    expect(mine.data.changes.nodes[0]).toEqual({ action: 'updatePlace', entityId: id('v5') });
    const page = await gql<any>(fixture.app, `{ changes(first: 2) { totalCount nodes { at } pageInfo { hasNextPage } } }`);
    expect(page.data.changes.nodes).toHaveLength(2);
    expect(page.data.changes.pageInfo.hasNextPage).toBe(true);
    expect(page.data.changes.nodes[0].at >= page.data.changes.nodes[1].at).toBe(true);
    const none = await gql<any>(fixture.app, `{ changes(until: "2000-01-01") { totalCount } }`);
    expect(none.data.changes.totalCount).toBe(0);
    const bad = await gql<any>(fixture.app, `{ changes(since: "last week") { totalCount } }`);
    expect(bad.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'since' });
  });
});
