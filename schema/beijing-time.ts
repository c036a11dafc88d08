/**
 * Beijing time (UTC+8, no daylight saving), the time a planner in Jinan reads. The server's exports
 * and the viewer's file names and picture captions both write moments this way, so the rule is kept
 * here, where both may import it.
 */
const BEIJING = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/**
 * A moment as Beijing time: 2026-11-29 23:47:31. A string that is no moment comes back as it is (a
 * calendar date, YYYY-MM-DD, stays a date); nothing is null.
 */
export function beijingTime(moment: Date | string | null | undefined): string | null {
  if (moment == null || moment === '') return null;
  const date = typeof moment === 'string' ? new Date(moment) : moment;
  return Number.isNaN(date.getTime()) ? String(moment) : BEIJING.format(date);
}
