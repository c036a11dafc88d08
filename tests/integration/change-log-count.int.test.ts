/**
 * The change log counts exactly what was done (the security issue, #8): about sixty mutations of all
 * eight kinds, some refused on purpose (cycles, bad input, out-of-range dates, overlaps, a re-match
 * whose second half fails after its first half wrote its entry), some retried with the same
 * clientMutationId. The Change nodes written are exactly those of the acknowledged mutations: one per
 * entity or pairing changed (two for a re-match), none for a refusal or a rolled-back transaction, none
 * for a replayed retry. Prints the figures as `[changelog] …` lines.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { withFixtureApp } from '../helpers/fixture.ts';
import { MUTATIONS, type MutationName, type Outcome, send, tally } from '../helpers/writers.ts';

const P = 'tcl';
const fixture = withFixtureApp(P);
const { id, driver, database } = fixture;
const ROUNDS = 5;

afterAll(async () => {
  // Runs before the fixture's own afterAll (which removes the entities and their entries), driver open.
  await driver.executeQuery('MATCH (m:ClientMutation) WHERE m.key CONTAINS $prefix DELETE m', { prefix: `"${P}-` }, { database });
});

async function cypher<T = Record<string, any>>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const { records } = await driver.executeQuery(query, params, { database });
  return records.map((r) => r.toObject() as T);
}

interface Step {
  mutation: MutationName;
  vars: () => Record<string, unknown>;
  /** 'ok' for a first application, 'replay' for a retry with a clientMutationId already used, else the refusal code. */
  expect: 'ok' | 'replay' | 'BAD_USER_INPUT' | 'CONFLICT' | 'NOT_FOUND';
  /** For a refusal: refused while checking arguments, or inside the transaction after reading (and maybe writing). */
  phase?: 'arguments' | 'transaction';
  /** For an acknowledged step: the entities or pairings its change-log entries must be about. */
  changed?: (data: any) => string[];
}

/** Ids the re-matches generated, for the endPairing that follows each. */
const rematched: string[] = [];

function programme(): Step[] {
  const steps: Step[] = [
    // An open e2→v1 pairing: re-matching p1 (e1→v1) to e2 must then fail after p1 was closed.
    {
      mutation: 'startPairing',
      vars: () => ({
        input: { id: id('pv1'), kind: 'EnterpriseVillage', partnerId: id('e2'), targetId: id('v1'), validFrom: '2020-01-01' },
      }),
      expect: 'ok',
      changed: () => [id('pv1')],
    },
  ];
  const refusals = (i: number): Step[] => [
    {
      mutation: 'moveOrganization',
      vars: () => ({ id: id('sw1'), newParentId: id(`cb${i}`) }),
      expect: 'CONFLICT',
      phase: 'transaction',
    },
    {
      mutation: 'createOrganization',
      vars: () => ({ input: { name: `${P}城堡`, kind: 'Castle', parentId: id('jc') } }),
      expect: 'BAD_USER_INPUT',
      phase: 'arguments',
    },
    {
      mutation: 'createOrganization',
      vars: () => ({ input: { id: id(`cb${i}`), name: `${P}重复`, kind: 'Branch', parentId: id('jc') } }),
      expect: 'CONFLICT',
      phase: 'transaction',
    },
    {
      mutation: 'startPairing',
      vars: () => ({ input: { kind: 'EnterpriseVillage', partnerId: id('e2'), targetId: id('v5'), validFrom: '2025-02-30' } }),
      expect: 'BAD_USER_INPUT',
      phase: 'arguments',
    },
    {
      mutation: 'endPairing',
      vars: () => ({ id: id('p3'), validTo: '2024-01-01', reason: '早于开始日期' }),
      expect: 'BAD_USER_INPUT',
      phase: 'transaction',
    },
    {
      // Closes p1 (and writes its entry), then finds e2→v1 already open: all of it must roll back.
      mutation: 'rematchPairing',
      vars: () => ({ id: id('p1'), newPartnerId: id('e2'), date: '2025-06-01', reason: '重叠的重新结对' }),
      expect: 'CONFLICT',
      phase: 'transaction',
    },
    { mutation: 'updateOrganization', vars: () => ({ id: id(`cb${i}`), input: {} }), expect: 'BAD_USER_INPUT', phase: 'arguments' },
    { mutation: 'updatePlace', vars: () => ({ id: id('jc'), input: { name: '不是区域' } }), expect: 'NOT_FOUND', phase: 'transaction' },
    {
      mutation: 'moveOrganization',
      vars: () => ({ id: id(`cb${i}`), newParentId: id(`cb${i}`) }),
      expect: 'CONFLICT',
      phase: 'transaction',
    },
    {
      mutation: 'endPairing',
      vars: () => ({ id: id('p2'), validTo: '2025-01-01', reason: '已结束' }),
      expect: 'CONFLICT',
      phase: 'transaction',
    },
    {
      mutation: 'startPairing',
      vars: () => ({ input: { kind: 'EnterpriseVillage', partnerId: id('e1'), targetId: id('v1'), validFrom: '2024-06-01' } }),
      expect: 'CONFLICT',
      phase: 'transaction',
    },
    {
      mutation: 'createPlace',
      vars: () => ({ input: { name: `${P}无处村`, kind: 'Village', parentId: id('nowhere') } }),
      expect: 'NOT_FOUND',
      phase: 'transaction',
    },
    {
      mutation: 'rematchPairing',
      vars: () => ({ id: id('p3'), newPartnerId: id('e2'), date: '2024-06-01', reason: '早于开始日期' }),
      expect: 'BAD_USER_INPUT',
      phase: 'transaction',
    },
    {
      mutation: 'endPairing',
      vars: () => ({ id: id('p3'), validTo: '2025-13-01', reason: '没有十三月' }),
      expect: 'BAD_USER_INPUT',
      phase: 'arguments',
    },
    {
      mutation: 'rematchPairing',
      vars: () => ({ id: id(`cp${i}`), newPartnerId: id('e1'), date: '2026-01-01', reason: '已结束的结对' }),
      expect: 'CONFLICT',
      phase: 'transaction',
    },
  ];
  for (let i = 0; i < ROUNDS; i += 1) {
    const createPlace: Step = {
      mutation: 'createPlace',
      vars: () => ({
        input: { id: id(`cv${i}`), name: `${P}新${i}村`, kind: 'Village', parentId: id('sub1') },
        cmid: `${P}-create-place-${i}`,
      }),
      expect: 'ok',
      changed: () => [id(`cv${i}`)],
    };
    const rename: Step = {
      mutation: 'updateOrganization',
      vars: () => ({ id: id(`cb${i}`), input: { name: `${P}新${i}村党支部(更名)` }, cmid: `${P}-rename-${i}` }),
      expect: 'ok',
      changed: () => [id(`cb${i}`)],
    };
    steps.push(createPlace);
    if (i % 2 === 0) steps.push({ ...createPlace, expect: 'replay' });
    steps.push(
      {
        mutation: 'createOrganization',
        vars: () => ({
          input: { id: id(`cb${i}`), name: `${P}新${i}村党支部`, kind: 'Branch', parentId: id('jc'), governsPlaceId: id(`cv${i}`) },
        }),
        expect: 'ok',
        changed: () => [id(`cb${i}`)],
      },
      rename,
    );
    if (i % 2 === 1) steps.push({ ...rename, expect: 'replay' });
    steps.push(
      {
        mutation: 'updatePlace',
        vars: () => ({ id: id(`cv${i}`), input: { nameEn: `New Village ${i}` } }),
        expect: 'ok',
        changed: () => [id(`cv${i}`)],
      },
      {
        mutation: 'startPairing',
        vars: () => ({
          input: { id: id(`cp${i}`), kind: 'EnterpriseVillage', partnerId: id('e1'), targetId: id(`cv${i}`), validFrom: '2024-01-01' },
        }),
        expect: 'ok',
        changed: () => [id(`cp${i}`)],
      },
      {
        mutation: 'moveOrganization',
        vars: () => ({ id: id(`cb${i}`), newParentId: id('sw1'), reason: '调整隶属关系' }),
        expect: 'ok',
        changed: () => [id(`cb${i}`)],
      },
      {
        mutation: 'rematchPairing',
        vars: () => ({ id: id(`cp${i}`), newPartnerId: id('e2'), date: '2025-01-01', reason: '主营业务与村庄发展需求不匹配' }),
        expect: 'ok',
        changed: (data) => {
          rematched[i] = data.rematchPairing.id;
          return [id(`cp${i}`), data.rematchPairing.id];
        },
      },
      {
        mutation: 'endPairing',
        vars: () => ({ id: rematched[i], validTo: '2025-12-31', reason: '年度结束' }),
        expect: 'ok',
        changed: (data) => [data.endPairing.id],
      },
      ...[0, 1, 2].map((k) => refusals(i)[(i * 3 + k) % 15]!),
    );
  }
  return steps;
}

describe('the change log under a mix of acknowledged and refused mutations', () => {
  it('gains exactly one entry per entity or pairing an acknowledged mutation changed, and none otherwise', async () => {
    const changeIds = async () => new Set((await cypher<{ id: string }>('MATCH (c:Change) RETURN c.id AS id')).map((r) => r.id));
    const before = await changeIds();

    const steps = programme();
    const expected: string[] = [];
    const outcomes: Outcome[] = [];
    const mismatches: string[] = [];
    for (const [n, step] of steps.entries()) {
      const outcome = await send(fixture.app, MUTATIONS[step.mutation], step.vars());
      outcomes.push(outcome);
      const got = outcome.ok ? 'ok' : outcome.code;
      const want = step.expect === 'replay' ? 'ok' : step.expect;
      if (got !== want)
        mismatches.push(
          `#${n} ${step.mutation} ${JSON.stringify(step.vars())}: expected ${want}, got ${got}${outcome.ok ? '' : ` (${outcome.message})`}`,
        );
      if (outcome.ok && step.expect === 'ok') for (const entity of step.changed!(outcome.data)) expected.push(`${step.mutation} ${entity}`);
    }

    const rows = await cypher<{ id: string; action: string; entityId: string }>(
      'MATCH (c:Change) RETURN c.id AS id, c.action AS action, c.entityId AS entityId',
    );
    const written = rows.filter((r) => !before.has(r.id));
    const acknowledged = outcomes.filter((o, n) => o.ok && steps[n]!.expect === 'ok').length;
    const replayed = outcomes.filter((o, n) => o.ok && steps[n]!.expect === 'replay').length;
    const refused = outcomes.filter((o) => !o.ok);
    const refusedInTransaction = steps.filter((s, n) => !outcomes[n]!.ok && s.phase === 'transaction').length;
    const { acknowledged: _, ...refusedByCode } = tally(outcomes);
    console.log(
      `[changelog] N ${steps.length} mutations (${new Set(steps.map((s) => s.mutation)).size} kinds), acknowledged ${acknowledged} ` +
        `+ ${replayed} replayed retries, refused ${refused.length} ${JSON.stringify(refusedByCode)} ` +
        `(${refusedInTransaction} inside the transaction, ${refused.length - refusedInTransaction} at the arguments)`,
    );
    console.log(
      `[changelog] change events: ${written.length} new (expected ${expected.length}: one per acknowledged mutation, two per re-match; ` +
        `${acknowledged} acknowledged incl. ${steps.filter((s, n) => outcomes[n]!.ok && s.expect === 'ok' && s.mutation === 'rematchPairing').length} re-matches)`,
    );

    expect(mismatches).toEqual([]);
    expect(new Set(steps.map((s) => s.mutation)).size).toBe(8);
    expect(written.map((c) => `${c.action} ${c.entityId}`).sort()).toEqual(expected.sort());
    expect(written).toHaveLength(expected.length);

    // The re-match refused after closing p1 left p1 as it was: open, and with no entry of its own.
    const [p1] = await cypher('MATCH ()-[r:PAIRED_WITH {id: $id}]->() RETURN r.status AS status, r.validTo AS validTo', { id: id('p1') });
    expect(p1).toEqual({ status: 'active', validTo: null });
    expect(written.filter((c) => c.entityId === id('p1'))).toEqual([]);
  });
});
