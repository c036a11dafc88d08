/**
 * What a date is, written once (graph/calendar-date.ts) and used by the API's arguments, the import's
 * cells, the seed's check and the time bar: YYYY-MM-DD of a day that exists. Before, the API and the
 * import each tested it their own way and the seed and the time bar only matched the digits, so an
 * impossible day (2023-02-29) passed the seed check and reached the time bar.
 */
import { describe, expect, it } from 'vitest';
import { isoDate } from '../../data/exchange/parse-rows.ts';
import { isCalendarDate } from '../../graph/calendar-date.ts';
import { dateArg } from '../../server/args.ts';
import { reportDay } from '../../server/resolvers/timeline.ts';

describe('a calendar date', () => {
  it('is YYYY-MM-DD of a day that exists', () => {
    for (const day of ['2024-02-29', '2025-12-31', '1949-10-01']) expect(isCalendarDate(day), day).toBe(true);
    for (const day of ['2023-02-29', '2024-13-01', '2024-04-31', '2024-2-1', '2024-02-29T00:00', '', '20240229'])
      expect(isCalendarDate(day), day).toBe(false);
  });

  it('is the same rule for an argument, an import cell and a report date on the time bar', () => {
    expect(dateArg('asOf', '2024-02-29')).toBe('2024-02-29');
    expect(() => dateArg('asOf', '2023-02-29')).toThrow(/asOf: must be an ISO date/);
    expect(isoDate('2024/2/29')).toBe('2024-02-29');
    expect(isoDate('2023/2/29')).toBeNull();
    expect(reportDay('2024-02-29')).toBe('2024-02-29');
    expect(reportDay('2023-02-29')).toBeNull();
    expect(reportDay('2023')).toBe('2023-01-01');
  });
});
