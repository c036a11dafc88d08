/**
 * What a date is, everywhere the graph takes one (GraphQL arguments, REST query strings, import cells,
 * the seed, the time bar): an ISO calendar date, YYYY-MM-DD, of a day that exists. Stored dates are
 * compared as text, so a date that is not in this form, or a day that does not exist (2023-02-29),
 * would sort and match wrongly; each reader refuses it in its own words, by this one test.
 */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `text` is YYYY-MM-DD and that day exists: 2024-02-29 is, 2023-02-29 and 2024-13-01 are not. */
export function isCalendarDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text;
}
