/**
 * The change log through Query.changes, on a fixture graph of its own (prefix tch): one entry per
 * change with who, when, what, before and after; filters by entity, action, actor and time; newest
 * first; paged with cursors and a hard maximum; bad arguments named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeaders, gql } from '../helpers/app.ts';
import type { ChangeNode } from '../helpers/change-node.ts';
import { withFixtureApp } from '../helpers/fixture.ts';

const P = 'tch';
const ALICE = `${P}-alice`;
const BOB = `${P}-bob`;
const fixture = withFixtureApp(P);
const { id, driver, database } = fixture;

let startedAt = '';

async function mutate(query: string, actor: string) {
  const response = await fixture.app.inject({
    method: 'POST',
    url: '/graphql',
    headers: authHeaders({ role: 'admin', name: actor, subject: actor }),
    payload: { query },
  });
  const body = response.json() as { errors?: { message: string }[] };
  expect(body.errors, body.errors?.[0]?.message).toBeUndefined();
}

const FIELDS = 'totalCount nodes { id at actor action entityId entityKind before after reason source } pageInfo { hasNextPage endCursor }';

async function changes(args: string) {
  const result = await gql<{
    changes: { totalCount: number; nodes: ChangeNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  }>(fixture.app, `{ changes(${args}) { ${FIELDS} } }`);
  expect(result.errors, result.errors?.[0]?.message).toBeUndefined();
  return result.data!.changes;
}

async function refusedArgs(args: string, field: string) {
  const result = await gql(fixture.app, `{ changes(${args}) { totalCount } }`);
  expect(result.errors?.[0]?.extensions, result.errors?.[0]?.message).toEqual({ code: 'BAD_USER_INPUT', field });
}

beforeAll(async () => {
  startedAt = new Date().toISOString();
  // Five changes by two clerks, in this order.
  await mutate(`mutation { updatePlace(id: "${id('v1')}", input: { nameEn: "One" }) { id } }`, ALICE);
  await mutate(`mutation { updatePlace(id: "${id('v2')}", input: { nameEn: "Two" }) { id } }`, ALICE);
  await mutate(
    `mutation { updateOrganization(id: "${id('jc')}", input: { name: "${P}联合党委(更名)", source: { document: "更名通知", quote: "更名" } }) { id } }`,
    BOB,
  );
  await mutate(`mutation { endPairing(id: "${id('p1')}", validTo: "2025-06-30", reason: "企业经营调整") { id } }`, BOB);
  await mutate(`mutation { updatePlace(id: "${id('v1')}", input: { nameEn: "Village One" }) { id } }`, ALICE);
});

afterAll(async () => {
  // Entries about the fixture go with it; these catch any about something else.
  await driver.executeQuery('MATCH (c:Change) WHERE c.actor IN $actors DETACH DELETE c', { actors: [ALICE, BOB] }, { database });
});

describe('Query.changes', () => {
  it('records one entry per change: who, when, what, before and after, reason and source', async () => {
    const { nodes } = await changes(`entityId: "${id('jc')}"`);
    expect(nodes).toHaveLength(1);
    const [entry] = nodes;
    expect(entry).toMatchObject({
      actor: BOB,
      action: 'updateOrganization',
      entityId: id('jc'),
      entityKind: 'Organization',
      reason: null,
      source: '更名通知',
    });
    expect(entry!.at >= startedAt).toBe(true);
    expect(new Date(entry!.at).toISOString()).toBe(entry!.at);
    expect(JSON.parse(entry!.before!)).toMatchObject({ id: id('jc'), name: `${P}联合党委` });
    expect(JSON.parse(entry!.after)).toMatchObject({ id: id('jc'), name: `${P}联合党委(更名)` });

    const [ended] = (await changes(`entityId: "${id('p1')}"`)).nodes;
    expect(ended).toMatchObject({ action: 'endPairing', entityKind: 'Pairing', reason: '企业经营调整', source: null });
  });

  it('filters by entity, action and actor, alone and together, newest first', async () => {
    const v1 = await changes(`entityId: "${id('v1')}"`);
    expect(v1.totalCount).toBe(2);
    expect(v1.nodes.map((n) => JSON.parse(n.after).nameEn)).toEqual(['Village One', 'One']);
    expect((await changes(`actor: "${ALICE}"`)).totalCount).toBe(3);
    expect((await changes(`actor: "${BOB}"`)).nodes.map((n) => n.action)).toEqual(['endPairing', 'updateOrganization']);
    expect((await changes(`actor: "${ALICE}", action: "updatePlace", entityId: "${id('v2')}"`)).totalCount).toBe(1);
    expect((await changes(`actor: "${BOB}", action: "updatePlace"`)).totalCount).toBe(0);
    expect((await changes(`entityId: "${P}-nothing"`)).nodes).toEqual([]);
  });

  it('filters by time: since is inclusive, until exclusive, dates are midnight UTC', async () => {
    const mine = `actor: "${ALICE}"`;
    expect((await changes(`${mine}, since: "${startedAt}"`)).totalCount).toBe(3);
    expect((await changes(`${mine}, until: "${startedAt}"`)).totalCount).toBe(0);
    expect((await changes(`${mine}, since: "${startedAt.slice(0, 10)}"`)).totalCount).toBe(3);
    expect((await changes(`${mine}, since: "2999-01-01"`)).totalCount).toBe(0);
    expect((await changes(`${mine}, since: "2000-01-01T00:00+08:00", until: "2999-01-01T00:00:00Z"`)).totalCount).toBe(3);
    const { nodes } = await changes(mine);
    const last = nodes[0]!.at;
    expect((await changes(`${mine}, since: "${last}"`)).nodes.map((n) => n.at)).toEqual([last]);
    expect((await changes(`${mine}, until: "${last}"`)).totalCount).toBe(2);
  });

  it('pages with cursors, newest first, without gaps or repeats', async () => {
    const all = await changes(`actor: "${ALICE}"`);
    const first = await changes(`actor: "${ALICE}", first: 2`);
    expect(first.totalCount).toBe(3);
    expect(first.nodes).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await changes(`actor: "${ALICE}", first: 2, after: "${first.pageInfo.endCursor}"`);
    expect(second.nodes).toHaveLength(1);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect([...first.nodes, ...second.nodes].map((n) => n.id)).toEqual(all.nodes.map((n) => n.id));
    const ats = all.nodes.map((n) => n.at);
    expect(ats).toEqual([...ats].sort().reverse());
  });

  it('names the argument at fault', async () => {
    await refusedArgs('since: "last week"', 'since');
    await refusedArgs('since: "2025-02-30"', 'since');
    await refusedArgs('until: "2025-01-01T25:00:00Z"', 'until');
    await refusedArgs('since: "2025-06-01", until: "2025-01-01"', 'until');
    await refusedArgs('first: 0', 'first');
    await refusedArgs('first: 501', 'first');
    await refusedArgs('after: "not-a-cursor"', 'after');
  });

  it('keeps entries apart from the graph: no relationships, so they never appear in paths', async () => {
    const { records } = await driver.executeQuery(
      'MATCH (c:Change) WHERE c.actor IN $actors RETURN count(c) AS entries, sum(count { (c)--() }) AS links',
      { actors: [ALICE, BOB] },
      { database },
    );
    expect(records[0]!.toObject()).toEqual({ entries: 5, links: 0 });
  });
});
