/**
 * The time bar's questions (时间轴): which days the graph knows something about in an area, and the
 * area's coverage on each of a list of days. The days come from the pairings' own intervals, the change
 * log and the reports' dates (data/documents.ts, the one place a report's date is kept); the coverage
 * is pairingCoverage's (computeCoverage), one query per day, run together.
 */
import { documentsByFile } from '../../data/documents.ts';
import { isCalendarDate } from '../../graph/calendar-date.ts';
import type { EntityObject } from '../../graph/entity-mapper.ts';
import { badInput } from '../../graph/errors.ts';
import type { GraphStore } from '../../graph/graph-store.ts';
import { dateArg } from '../args.ts';
import type { Resolvers } from '../generated/graphql.ts';
import { showSynthetic } from '../services/areas.ts';
import { areaScope } from '../services/audit.ts';
import { coverageOf } from '../services/coverage.ts';

/** More days than a time bar draws (ten years, month by month) is a mistake, not a chart. */
export const MAX_TIMELINE_DAYS = 120;
/** Days computed at once for Timeline.coverage. */
const PARALLEL_DAYS = 6;

export interface TimelineObject {
  area: EntityObject;
  dates: string[];
  first: string | null;
  last: string | null;
  includeSynthetic: boolean;
}

/** A report's date as a day: YYYY and YYYY-MM (all some reports print) stand for their first day. */
export function reportDay(date: string | null | undefined): string | null {
  if (!date) return null;
  if (/^\d{4}$/.test(date)) return `${date}-01-01`;
  if (/^\d{4}-\d{2}$/.test(date)) return `${date}-01`;
  return isCalendarDate(date) ? date : null;
}

export async function timeline(
  store: Pick<GraphStore, 'read'>,
  args: { area: string; includeSynthetic?: boolean | null },
): Promise<TimelineObject> {
  const { area, scope } = await areaScope(store, args.area);
  const includeSynthetic = showSynthetic(args, area);
  const [row] = await store.read<{ pairingDays: string[]; changeDays: string[]; documents: string[] }>('timeline/list-area-dates', {
    scope: scope ?? [area!.id],
    includeSynthetic,
  });
  const documents = documentsByFile();
  const reportDays = (row?.documents ?? []).map((file) => {
    const doc = documents.get(file);
    return reportDay(doc ? (doc.published ?? doc.earliest) : null);
  });
  const dates = [...new Set([...(row?.pairingDays ?? []), ...(row?.changeDays ?? []), ...reportDays])]
    .filter((d): d is string => d != null && isCalendarDate(d))
    .sort();
  return { area: area!, dates, first: dates[0] ?? null, last: dates.at(-1) ?? null, includeSynthetic };
}

export const timelineResolvers = {
  Query: {
    timeline: (_root, args, { app }) => timeline(app.store, args),
  },
  Timeline: {
    coverage: async (line, args, { app }) => {
      if (args.dates.length === 0 || args.dates.length > MAX_TIMELINE_DAYS) {
        throw badInput('dates', `give 1–${MAX_TIMELINE_DAYS} days, not ${args.dates.length}`);
      }
      const days = args.dates.map((d) => dateArg('dates', d));
      const coverageOn = (asOf: string) =>
        coverageOf(app.store, line.area, { kind: args.kind, asOf, includeSynthetic: line.includeSynthetic });
      // A few days at a time: a long list must not take every connection of the pool at once.
      const answers = [];
      for (let i = 0; i < days.length; i += PARALLEL_DAYS)
        answers.push(...(await Promise.all(days.slice(i, i + PARALLEL_DAYS).map(coverageOn))));
      return answers;
    },
  },
} satisfies Resolvers;
