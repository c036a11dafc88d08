/**
 * Concurrency (the security issue, #8): a hundred requests at once through the API, then the graph
 * checked directly with Cypher. The same pairing started a hundred times is stored once and the rest
 * are refused with CONFLICT; a hundred moves aimed at making cycles leave a hierarchy with one parent
 * per organization and no cycle; a hundred retries of one createOrganization with one clientMutationId
 * create one organization. Prints the figures as `[concurrency] …` lines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withFixtureApp } from '../helpers/fixture.ts';
import { MUTATIONS, type Outcome, seededRandom, send, tally } from '../helpers/writers.ts';

const P = 'tcc';
const fixture = withFixtureApp(P);
const { id, driver, database } = fixture;
const ATTEMPTS = 100;

/** Ids the API generated (they lack the fixture's prefix), removed after the file. */
const generated = new Set<string>();
afterAll(async () => {
  // Runs before the fixture's own afterAll, while its driver is open.
  await driver.executeQuery('MATCH (n:Entity) WHERE n.id IN $ids DETACH DELETE n', { ids: [...generated] }, { database });
  await driver.executeQuery('MATCH (c:Change) WHERE c.entityId IN $ids DELETE c', { ids: [...generated] }, { database });
  await driver.executeQuery('MATCH (m:ClientMutation) WHERE m.key CONTAINS $prefix DELETE m', { prefix: `"${P}-` }, { database });
});

async function cypher<T = Record<string, any>>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const { records } = await driver.executeQuery(query, params, { database });
  return records.map((r) => r.toObject() as T);
}

async function changeIds(): Promise<Set<string>> {
  const rows = await cypher<{ id: string }>('MATCH (c:Change) RETURN c.id AS id');
  return new Set(rows.map((r) => r.id));
}

/** The Change nodes written since `before` (a set of ids), with what they are about. */
async function changesSince(before: Set<string>) {
  const rows = await cypher<{ id: string; at: string; action: string; entityId: string; after: string }>(
    'MATCH (c:Change) RETURN c.id AS id, c.at AS at, c.action AS action, c.entityId AS entityId, c.after AS after',
  );
  return rows.filter((r) => !before.has(r.id));
}

const line = (label: string, outcomes: Outcome[]) => {
  const counts = tally(outcomes);
  const { acknowledged = 0, ...refused } = counts;
  console.log(`[concurrency] ${label}: attempts ${outcomes.length}, succeeded ${acknowledged}, refused ${JSON.stringify(refused)}`);
};

describe('the same pairing started 100 times at once', () => {
  it('stores exactly one active pairing and refuses the other 99 with CONFLICT', async () => {
    // Warm-up, one at a time on another village, so the race below measures locking, not a cold JVM:
    // cold, 100 transactions queued on the same two locks outlast the 15 s transaction timeout here.
    for (let i = 0; i < 5; i += 1) {
      const warm = await send(fixture.app, MUTATIONS.startPairing, {
        input: { kind: 'EnterpriseVillage', partnerId: id('e2'), targetId: id('v5'), validFrom: '2025-03-01' },
      });
      expect(warm.ok ? 'acknowledged' : warm.code).toBe(i === 0 ? 'acknowledged' : 'CONFLICT');
    }
    const before = await changeIds();
    const input = {
      kind: 'EnterpriseVillage',
      partnerId: id('e2'),
      targetId: id('v4'),
      validFrom: '2025-03-01',
      programme: '万人下乡、千村提升',
    };
    // Half carry a clientMutationId of their own (so idempotency cannot merge them), half none.
    const outcomes = await Promise.all(
      Array.from({ length: ATTEMPTS }, (_, i) =>
        send(fixture.app, MUTATIONS.startPairing, { input, cmid: i % 2 === 0 ? `${P}-pair-${i}` : null }),
      ),
    );
    line('startPairing e2→v4 (same partner, village, date)', outcomes);

    const refusals = outcomes.filter((o): o is Extract<Outcome, { ok: false }> => !o.ok);
    expect(tally(outcomes)).toEqual({ acknowledged: 1, CONFLICT: ATTEMPTS - 1 });
    for (const refusal of refusals) {
      expect(refusal.field).toBe('input.partnerId');
      expect(refusal.message).toMatch(/already have EnterpriseVillage pairing .* which overlaps one starting on 2025-03-01/);
    }

    const stored = await cypher<{ id: string; status: string; validFrom: string }>(
      'MATCH (:Entity {id: $e2})-[r:PAIRED_WITH]->(:Entity {id: $v4}) RETURN r.id AS id, r.status AS status, r.validFrom AS validFrom',
      { e2: id('e2'), v4: id('v4') },
    );
    const winner = outcomes.find((o) => o.ok);
    expect(stored).toEqual([{ id: winner?.ok ? winner.data.startPairing.id : '(none)', status: 'active', validFrom: '2025-03-01' }]);
    const written = await changesSince(before);
    expect(written.map((c) => [c.action, c.entityId])).toEqual([['startPairing', stored[0]!.id]]);
    console.log(`[concurrency] startPairing: pairings stored 1 (expected 1), change-log entries ${written.length} (expected 1)`);
  });
});

describe('100 moves at once aimed at making cycles', () => {
  const ORGS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'].map((m) => id(m));

  beforeAll(async () => {
    // Six branches under the district committee: the small set the moves shuffle.
    for (const [i, org] of ORGS.entries()) {
      const created = await send(fixture.app, MUTATIONS.createOrganization, {
        input: { id: org, name: `${P}移动${i + 1}党支部`, kind: 'Branch', parentId: id('dc') },
      });
      expect(created.ok, created.ok ? '' : created.message).toBe(true);
    }
  });

  /** One wave: swaps (A under B with B under A), three-cycles, and seeded random moves among the six. */
  function wave(seed: number): [string, string][] {
    const random = seededRandom(seed);
    const pick = () => ORGS[Math.floor(random() * ORGS.length)]!;
    const moves: [string, string][] = [];
    const [m1, m2, m3, m4, m5, m6] = ORGS as [string, string, string, string, string, string];
    for (let i = 0; i < 5; i += 1) {
      moves.push([m1, m2], [m2, m1], [m3, m4], [m4, m3], [m5, m6], [m6, m5]);
    }
    for (let i = 0; i < 5; i += 1) {
      moves.push([m1, m2], [m2, m3], [m3, m1], [m4, m5], [m5, m6], [m6, m4]);
    }
    while (moves.length < ATTEMPTS - 4) {
      const org = pick();
      let parent = pick();
      while (parent === org) parent = pick();
      moves.push([org, parent]);
    }
    // A few moves back to the committees, so later waves have untangled chains to close again.
    moves.push([pick(), id('dc')], [pick(), id('sw1')], [pick(), id('dc')], [pick(), id('sw2')]);
    return moves;
  }

  async function hierarchy() {
    const rows = await cypher<{ id: string; parents: string[]; cycle: boolean; reachesDc: boolean }>(
      `UNWIND $ids AS oid
       MATCH (o:Entity {id: oid})
       RETURN o.id AS id,
              [(o)-[:REPORTS_TO]->(p) | p.id] AS parents,
              EXISTS { MATCH (o)-[:REPORTS_TO*1..]->(o) } AS cycle,
              EXISTS { MATCH (o)-[:REPORTS_TO*1..]->(:Entity {id: $dc}) } AS reachesDc
       ORDER BY id`,
      { ids: ORGS, dc: id('dc') },
    );
    return rows;
  }

  for (const seed of [1, 2, 3]) {
    it(`wave ${seed}: one parent per organization, no cycle, one change-log entry per move made`, async () => {
      const before = await changeIds();
      const moves = wave(seed);
      const outcomes = await Promise.all(
        moves.map(([org, parent], i) =>
          send(fixture.app, MUTATIONS.moveOrganization, { id: org, newParentId: parent, reason: `${P} wave ${seed} move ${i}` }),
        ),
      );
      line(`moveOrganization wave ${seed}`, outcomes);

      const rows = await hierarchy();
      const twoParents = rows.filter((r) => r.parents.length !== 1);
      const cycles = rows.filter((r) => r.cycle);
      const cut = rows.filter((r) => !r.reachesDc);
      console.log(
        `[concurrency] moveOrganization wave ${seed}: organizations with ≠1 parent ${twoParents.length}, in a cycle ${cycles.length}, ` +
          `cut off from the district committee ${cut.length}; parents ${rows.map((r) => `${r.id.slice(4)}→${r.parents.map((p) => p.slice(4)).join('+')}`).join(' ')}`,
      );
      expect(twoParents).toEqual([]);
      expect(cycles).toEqual([]);
      expect(cut).toEqual([]);

      // Every refusal is a clear one: a cycle (CONFLICT) or a move to the parent it already has. (Soft,
      // so that an unclear refusal does not hide what the checks below find.)
      const unclear = outcomes.flatMap((o, i) =>
        o.ok || o.code === 'CONFLICT' || o.code === 'BAD_USER_INPUT' ? [] : [`${moves[i]!.join(' → ')}: ${o.code} ${o.message}`],
      );
      expect.soft(unclear).toEqual([]);
      for (const o of outcomes) {
        if (!o.ok && o.code === 'CONFLICT') expect(o.message).toMatch(/cycle/);
        if (!o.ok && o.code === 'BAD_USER_INPUT') expect(o.message).toMatch(/already reports to/);
      }

      // Each acknowledged move wrote one entry; no refused one wrote any.
      const written = await changesSince(before);
      const acknowledged = outcomes.filter((o) => o.ok).length;
      expect(written.every((c) => c.action === 'moveOrganization' && ORGS.includes(c.entityId))).toBe(true);
      expect(written.length).toBe(acknowledged);

      // The last acknowledged move of each organization, by its change-log entry, is where it now is
      // (moves of one organization run one after the other; two in the same millisecond are not ordered).
      for (const row of rows) {
        const entries = written.filter((c) => c.entityId === row.id).sort((a, b) => a.at.localeCompare(b.at));
        const [previous, last] = entries.slice(-2).length === 2 ? entries.slice(-2) : [undefined, entries.at(-1)];
        if (last && previous?.at !== last.at) expect(JSON.parse(last.after).parentIds, `${row.id}'s last move`).toEqual(row.parents);
      }
    });
  }
});

describe('100 retries of one createOrganization with one clientMutationId, at once', () => {
  it('creates exactly one organization, and every acknowledged retry returns it', async () => {
    const before = await changeIds();
    const name = `${P}幂等党支部`;
    const input = { name, kind: 'Branch', parentId: id('jc') };
    const cmid = `${P}-create-once`;
    const outcomes = await Promise.all(
      Array.from({ length: ATTEMPTS }, () => send(fixture.app, MUTATIONS.createOrganization, { input, cmid })),
    );
    for (const o of outcomes) if (o.ok) generated.add(o.data.createOrganization.id);
    line('createOrganization ×100, one clientMutationId', outcomes);

    const stored = await cypher<{ id: string }>('MATCH (o:Organization {name: $name}) RETURN o.id AS id', { name });
    for (const row of stored) generated.add(row.id);
    const written = await changesSince(before);
    console.log(
      `[concurrency] createOrganization ×100, one clientMutationId: organizations stored ${stored.length} (expected 1), ` +
        `distinct ids returned ${new Set(outcomes.filter((o) => o.ok).map((o) => (o.ok ? o.data.createOrganization.id : ''))).size}, ` +
        `change-log entries ${written.length} (expected 1)`,
    );
    expect(stored).toHaveLength(1);
    expect(written.map((c) => [c.action, c.entityId])).toEqual([['createOrganization', stored[0]!.id]]);
    // A retry answered while the first attempt is still running may be refused, but only as a CONFLICT.
    const codes = Object.keys(tally(outcomes)).filter((k) => k !== 'acknowledged');
    expect(codes.filter((c) => c !== 'CONFLICT')).toEqual([]);
    for (const o of outcomes) if (o.ok) expect(o.data.createOrganization).toEqual({ id: stored[0]!.id, name, parent: { id: id('jc') } });

    // And a retry after the fact returns the first result and writes nothing.
    const again = await send(fixture.app, MUTATIONS.createOrganization, { input, cmid });
    expect(again.ok && again.data.createOrganization.id).toBe(stored[0]!.id);
    expect(await changesSince(before)).toHaveLength(1);
  });
});
