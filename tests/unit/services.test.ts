/**
 * The pure parts of the services (server/services/) and of the write guards: how a stored pairing or
 * change becomes an answer, how an area history sorts its pairing events, and how a mutation words
 * its refusals. No database: the inputs are rows as the named queries return them.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../graph/errors.ts';
import { changeObject } from '../../server/services/changes.ts';
import { classify, intervalInstants } from '../../server/services/history.ts';
import { isActiveOn, type PairingRow, pairingObject } from '../../server/services/pairings.ts';
import { type LockedEntity, pairingEndOf, referenced, subject } from '../../server/services/write-refusals.ts';
import { clientMutationIdArg, firstOutside } from '../../server/write-guards.ts';

const entity = (id: string, kind: string) => ({ id, kind, name: `名${id}` });
const pairingRow = (pairing: Record<string, unknown>): PairingRow => ({
  pairing: { kind: 'EnterpriseVillage', ...pairing },
  partner: entity('e1', 'Enterprise'),
  target: entity('v1', 'Village'),
});

/** A thrown ApiError's code, field and message. */
function refusal(check: () => unknown) {
  try {
    check();
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { ...(error.extensions as { code: string; field: string }), message: error.message };
  }
  return null;
}

describe('pairingObject', () => {
  it('states a pairing’s status, and takes an end date without one as ended', () => {
    expect(pairingObject(pairingRow({ id: 'p1', status: 'active', validFrom: '2024-01-01' }))).toMatchObject({
      id: 'p1',
      status: 'active',
      validFrom: '2024-01-01',
      validTo: null,
      partner: { id: 'e1' },
      target: { id: 'v1' },
      synthetic: false,
    });
    expect(pairingObject(pairingRow({ id: 'p2', validTo: '2024-06-30' })).status).toBe('ended');
    expect(pairingObject(pairingRow({ id: 'p3' })).status).toBe('active');
  });

  it('is active on a date within its interval, both ends included, an open end open', () => {
    const p = { validFrom: '2024-01-01', validTo: '2024-06-30' };
    expect(isActiveOn(p, '2024-01-01')).toBe(true);
    expect(isActiveOn(p, '2024-06-30')).toBe(true);
    expect(isActiveOn(p, '2024-07-01')).toBe(false);
    expect(isActiveOn({ validFrom: null, validTo: null }, '1999-01-01')).toBe(true);
  });
});

describe('changeObject', () => {
  it('keeps an absent actor, reason and before as null (the policy may hide who made a change)', () => {
    expect(changeObject({ id: 'c1', at: 't', action: 'createPlace', entityId: 'x', entityKind: 'Place', after: '{}' })).toEqual({
      id: 'c1',
      at: 't',
      actor: null,
      action: 'createPlace',
      entityId: 'x',
      entityKind: 'Place',
      before: null,
      after: '{}',
      reason: null,
      source: null,
    });
  });
});

describe('area history', () => {
  it('bounds an interval by the change log’s instants: from midnight to the midnight after its last day', () => {
    expect(intervalInstants('2024-01-01', '2024-12-31')).toEqual({ since: '2024-01-01T00:00:00.000Z', until: '2025-01-01T00:00:00.000Z' });
  });

  it('sorts pairings into started, ended and re-matched, telling a re-match once', () => {
    const change = (before: string | null, reason: string) => ({
      id: `c-${reason}`,
      at: '2024-05-01T00:00:00Z',
      action: 'x',
      entityId: 'p',
      entityKind: 'Pairing',
      before,
      after: '{}',
      reason,
    });
    const rows = [
      // Started within, still open: its start change gives the reason; its source is the document.
      {
        ...pairingRow({ id: 'p1', validFrom: '2024-03-01', sourceDocuments: ['报告'], sourceQuotes: ['句'] }),
        changes: [change(null, '新建')],
        replaced: null,
      },
      // Started before, ended within: an end, whose source is the one the end appended.
      {
        ...pairingRow({ id: 'p2', validFrom: '2023-01-01', validTo: '2024-04-30', sourceDocuments: ['a', 'b'], sourceQuotes: ['1', '2'] }),
        changes: [change('{}', '结束')],
        replaced: null,
      },
      // The re-match of p2: told as a re-match, and p2's end is not told again.
      {
        ...pairingRow({ id: 'p3', validFrom: '2024-05-01', replaces: 'p2', sourceDocuments: ['change:c9'], sourceQuotes: ['q'] }),
        changes: [],
        replaced: pairingRow({ id: 'p2', validFrom: '2023-01-01', validTo: '2024-04-30' }),
      },
      // Outside the interval: nothing.
      { ...pairingRow({ id: 'p4', validFrom: '2020-01-01', validTo: '2020-12-31' }), changes: [], replaced: null },
    ];
    const { started, ended, rematched } = classify(rows, '2024-01-01', '2024-12-31');
    expect(started.map((e) => [e.pairing.id, e.date, e.reason, e.source?.document])).toEqual([['p1', '2024-03-01', '新建', '报告']]);
    expect(ended).toEqual([]);
    expect(rematched.map((e) => [e.pairing.id, e.replaced?.id, e.source])).toEqual([['p3', 'p2', null]]);

    const alone = classify([rows[1]!], '2024-01-01', '2024-12-31');
    expect(alone.ended.map((e) => [e.pairing.id, e.date, e.reason, e.source?.document])).toEqual([['p2', '2024-04-30', '结束', 'b']]);
  });
});

describe('a mutation’s refusals', () => {
  const found = new Map<string, LockedEntity>(
    [entity('o1', 'Branch'), entity('v1', 'Village'), entity('x1', 'Martian')].map((node) => [node.id, { id: node.id, node, parents: [] }]),
  );

  it('answers NOT_FOUND for a subject that is missing or of another category', () => {
    expect(refusal(() => subject(found, 'id', 'none', 'Organization'))).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    expect(refusal(() => subject(found, 'id', 'v1', 'Organization'))).toEqual({
      code: 'NOT_FOUND',
      field: 'id',
      message: 'id: no organization has id "v1" (名v1 (v1, Village) is not one)',
    });
    expect(subject(found, 'id', 'o1', 'Organization').id).toBe('o1');
  });

  it('answers NOT_FOUND for a missing reference and BAD_USER_INPUT for one of the wrong category', () => {
    expect(refusal(() => referenced(found, 'input.parentId', 'none', 'Place'))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.parentId',
    });
    expect(refusal(() => referenced(found, 'input.parentId', 'o1', 'Organization'))).toBeNull();
    expect(refusal(() => referenced(found, 'input.governsPlaceId', 'o1', 'Place'))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.governsPlaceId',
      message: 'input.governsPlaceId: must be a Place; 名o1 (o1, Branch) is not',
    });
    expect(refusal(() => referenced(found, 'newParentId', 'x1', 'Organization'))?.message).toBe(
      'newParentId: must be an Organization; 名x1 (x1, Martian) is not',
    );
  });

  it('names the kinds a pairing’s end may be', () => {
    expect(refusal(() => pairingEndOf('input.partnerId', found.get('v1')!, 'UnitCommunity', 'from'))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.partnerId',
      message:
        'input.partnerId: the partner of a UnitCommunity pairing (双报到) must be GovernmentUnit or Enterprise or SocialOrganization; 名v1 (v1, Village) is not',
    });
    expect(refusal(() => pairingEndOf('input.targetId', found.get('v1')!, 'EnterpriseVillage', 'to'))).toBeNull();
  });
});

describe('write guards', () => {
  it('names the first target outside the area, in the order given, skipping ids not given', () => {
    const targets = [
      { field: 'a', id: null },
      { field: 'b', id: 'in' },
      { field: 'c', id: 'out1' },
      { field: 'd', id: 'out2' },
    ];
    expect(firstOutside(targets, new Set(['out1', 'out2']))?.field).toBe('c');
    expect(firstOutside(targets, new Set())).toBeUndefined();
  });

  it('takes a client mutation id of letters, digits and . _ : -, at most 100', () => {
    expect(clientMutationIdArg(null)).toBeNull();
    expect(clientMutationIdArg('重试-1:a.b_c')).toBe('重试-1:a.b_c');
    expect(refusal(() => clientMutationIdArg('a b'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'clientMutationId' });
    expect(refusal(() => clientMutationIdArg('x'.repeat(101)))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
