/**
 * Checks of the arguments of mutations and of the change log that need no database: id format, kind
 * names, blank text, sources, instants. Each failure is a BAD_USER_INPUT naming the argument, raised
 * before the mutation's transaction opens.
 */
import { randomBytes } from 'node:crypto';
import type { SourceInput } from '../graph/change-log.ts';
import { badInput } from '../graph/errors.ts';
import { type Category, isEntityId, isKind, KINDS, type Kind, kindsOfCategory, MAX_ID_LENGTH } from '../schema/model.ts';
import { dateArg, nonBlank } from './args.ts';

const MAX_TEXT_LENGTH = 2_000;

/** An id given for something new; generated (`ed-<kind>-<random>`, ed- for "edited") when omitted. */
export function newIdArg(field: string, id: string | null | undefined, kind: string): string {
  if (id == null) return `ed-${kind.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}-${randomBytes(4).toString('hex')}`;
  if (!isEntityId(id)) {
    throw badInput(field, `must be lower-case a-z and 0-9 in words joined by "-" (at most ${MAX_ID_LENGTH} characters), got "${id}"`);
  }
  return id;
}

/** A kind name that belongs to `category`, e.g. Branch for an organization. */
export function kindOfCategory(field: string, kind: string, category: Category): Kind {
  if (isKind(kind) && KINDS[kind].category === category) return kind;
  const allowed = kindsOfCategory(category);
  const what = isKind(kind) ? `${kind} is a kind of ${KINDS[kind].category}` : `unknown kind "${kind}"`;
  throw badInput(field, `${what}; a${/^[AEIOU]/.test(category) ? 'n' : ''} ${category} is one of ${allowed.join(', ')}`);
}

/** Required text: trimmed, not blank, not huge. */
export function textArg(field: string, value: string): string {
  const text = nonBlank(field, value);
  if (text.length > MAX_TEXT_LENGTH) throw badInput(field, `must be at most ${MAX_TEXT_LENGTH} characters`);
  return text;
}

/** Optional text: null when omitted, else as textArg (an empty string is refused, not taken as "none"). */
export const optionalTextArg = (field: string, value: string | null | undefined): string | null =>
  value == null ? null : textArg(field, value);

/** A source given with a change: both the document and the quote must say something. */
export function sourceArg(field: string, source: SourceInput | null | undefined): SourceInput | null {
  if (source == null) return null;
  return { document: textArg(`${field}.document`, source.document), quote: textArg(`${field}.quote`, source.quote) };
}

/** The ISO date one day before `date` (YYYY-MM-DD). */
export const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * An ISO date (midnight UTC) or date-time (UTC when it names no offset), as the UTC instant string the
 * log's `at` is stored in, so the two compare as text.
 */
export function instantArg(field: string, value: string | null | undefined): string | null {
  if (value == null) return null;
  const reason = `must be an ISO date (YYYY-MM-DD) or date-time (YYYY-MM-DDThh:mm[:ss][Z|±hh:mm]), got "${value}"`;
  if (value.length === 10) {
    try {
      return `${dateArg(field, value)}T00:00:00.000Z`;
    } catch {
      throw badInput(field, reason);
    }
  }
  const match = DATE_TIME.exec(value);
  const time = match ? Date.parse(match[4] ? value : `${value}Z`) : Number.NaN;
  if (!match || Number.isNaN(time)) throw badInput(field, reason);
  try {
    dateArg(field, match[1]);
  } catch {
    throw badInput(field, reason);
  }
  return new Date(time).toISOString();
}
