/**
 * The time bar's and the two-date comparison's pure steps (web/src/time-bar.ts, compare-dates.ts),
 * without a browser: the month steps over a range, the step for a day, areaHistory's lists as rows in
 * its order, and the rows as CSV.
 */
import { describe, expect, it } from 'vitest';
import type { AreaHistory } from '../../web/src/audit-queries.ts';
import { changeRows, rowsToCsv } from '../../web/src/compare-dates.ts';
import { monthSteps, stepFor } from '../../web/src/time-bar.ts';

describe('monthSteps', () => {
  it('gives the last day of each month from the first day’s month to the last day’s', () => {
    expect(monthSteps('2023-11-15', '2024-03-02')).toEqual(['2023-11-30', '2023-12-31', '2024-01-31', '2024-02-29', '2024-03-31']);
    expect(monthSteps('2024-05-01', '2024-05-31')).toEqual(['2024-05-31']);
  });

  it('steps by several months when the range is longer than the limit, keeping the last month', () => {
    const steps = monthSteps('2001-01-01', '2024-12-31', 120);
    expect(steps.length).toBeLessThanOrEqual(120);
    expect(steps.at(-1)).toBe('2024-12-31');
    expect(steps[1]! > steps[0]!).toBe(true);
  });
});

describe('stepFor', () => {
  const steps = ['2024-01-31', '2024-02-29', '2024-03-31'];
  it('is the last step on or before the day, the first for an earlier day', () => {
    expect(stepFor(steps, '2024-02-29')).toBe(1);
    expect(stepFor(steps, '2024-03-15')).toBe(1);
    expect(stepFor(steps, '2030-01-01')).toBe(2);
    expect(stepFor(steps, '2000-01-01')).toBe(0);
  });
});

const ref = (id: string, name: string, kind = 'Village') => ({ id, name, kind });
const pairing = (id: string, partner: string, target: string) => ({
  id,
  kind: 'EnterpriseVillage' as const,
  partner: ref(partner, `${partner}公司`, 'Enterprise'),
  target: ref(target, `${target}村`),
  validFrom: null,
  validTo: null,
});

describe('changeRows and rowsToCsv', () => {
  const history = {
    area: ref('d', '区', 'District'),
    from: '2024-01-01',
    to: '2024-12-31',
    coverage: [],
    started: [
      {
        date: '2024-02-01',
        pairing: pairing('p1', 'e1', 'v1'),
        replaced: null,
        reason: '新结对',
        source: { document: '001.txt', quote: '“甲”, 乙' },
        change: null,
      },
    ],
    ended: [{ date: '2024-06-30', pairing: pairing('p2', 'e2', 'v2'), replaced: null, reason: null, source: null, change: null }],
    rematched: [
      {
        date: '2024-03-01',
        pairing: pairing('p3', 'e3', 'v3'),
        replaced: pairing('p0', 'e0', 'v3'),
        reason: '不匹配',
        source: null,
        change: null,
      },
    ],
    moves: [
      {
        organization: ref('b1', '支部', 'Branch'),
        from: [ref('o1', '甲党委', 'JointCommittee')],
        to: [ref('o2', '乙党委', 'JointCommittee')],
        change: { at: '2024-04-02T08:00:00.000Z', actor: null, action: 'moveOrganization', reason: '调整', source: null },
      },
    ],
  } as unknown as AreaHistory;

  it('lists started, ended, re-matched and moves in areaHistory’s order', () => {
    const rows = changeRows(history);
    expect(rows.map((r) => [r.change, r.id, r.date])).toEqual([
      ['started', 'p1', '2024-02-01'],
      ['ended', 'p2', '2024-06-30'],
      ['rematched', 'p3', '2024-03-01'],
      ['moved', 'b1', '2024-04-02'],
    ]);
    expect(rows[2]!.before.map((x) => x.id)).toEqual(['e0']);
    expect(rows[3]!.object.map((x) => x.id)).toEqual(['o2']);
  });

  it('writes one CSV line per row after the header, quoting what needs it', () => {
    const csv = rowsToCsv(changeRows(history));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toContain(',p1,');
    expect(lines[1]).toContain('"“甲”, 乙"');
  });
});
