/**
 * When a fact held: `asOf` as the text gives it, a date (2020-07-01), a month (2024-05), a year (2023)
 * or a period between two of those (`2019/2020-07-01`, `../2024` for “近年来”, `2022-10/..` for an
 * undated report known only to be later than a date). Stored as written, plus the two ISO dates the
 * queries compare with: `asOfFrom` (from when the fact is known to hold) and `asOfTo` (when its period
 * ends; null when open).
 *
 * One rule for "in force on a date" lives in the claims queries: a claim is in force on D when
 * asOfFrom <= D and no claim that supersedes it has asOfFrom <= D.
 */

const POINT = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
export const AS_OF_PATTERN = /^(\d{4}(-\d{2}(-\d{2})?)?|\.\.)(\/(\d{4}(-\d{2}(-\d{2})?)?|\.\.))?$/;
export const AS_OF_HELP = 'must be YYYY, YYYY-MM, YYYY-MM-DD or a period START/END of those (".." for an open end)';

const pad = (n: number) => String(n).padStart(2, '0');

function daysIn(year: number, month: number) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The first and last day a point (year, month or date) stands for; null when it is not a real date. */
export function pointRange(text: string): { start: string; end: string } | null {
  const m = POINT.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : undefined;
  const day = m[3] ? Number(m[3]) : undefined;
  if (month !== undefined && (month < 1 || month > 12)) return null;
  if (month !== undefined && day !== undefined && (day < 1 || day > daysIn(year, month))) return null;
  const startMonth = month ?? 1;
  const endMonth = month ?? 12;
  return {
    start: `${year}-${pad(startMonth)}-${pad(day ?? 1)}`,
    end: `${year}-${pad(endMonth)}-${pad(day ?? daysIn(year, endMonth))}`,
  };
}

export interface AsOfRange {
  asOf: string;
  asOfFrom: string;
  asOfTo: string | null;
}

/** Parses an `asOf`; null when it is malformed or its period ends before it starts. */
export function parseAsOf(asOf: string): AsOfRange | null {
  if (!AS_OF_PATTERN.test(asOf)) return null;
  const [first, second] = asOf.split('/') as [string, string | undefined];
  if (second === undefined) {
    const point = pointRange(first);
    return point ? { asOf, asOfFrom: point.start, asOfTo: point.end } : null;
  }
  const start = first === '..' ? null : pointRange(first);
  const end = second === '..' ? null : pointRange(second);
  if ((first !== '..' && !start) || (second !== '..' && !end) || (!start && !end)) return null;
  if (start && end && end.end < start.start) return null;
  // An open start ("近年来 … by 2024") is only known to hold at its end.
  return { asOf, asOfFrom: start?.start ?? end!.start, asOfTo: end?.end ?? null };
}
