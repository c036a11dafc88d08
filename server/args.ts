/**
 * Checks of arguments that GraphQL's types cannot express. Each failure names the argument and the
 * reason, with code BAD_USER_INPUT, before any query runs.
 */

import { isCalendarDate } from '../graph/calendar-date.ts';
import { badInput } from '../graph/errors.ts';
import { isKind, isRelationshipType, KIND_NAMES, RELATIONSHIP_TYPE_NAMES } from '../schema/model.ts';

export const MAX_PAGE = 500;

export function intInRange(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw badInput(field, `must be a whole number from ${min} to ${max}`);
  return value;
}

export function kindsArg(field: string, kinds: readonly string[] | null | undefined): string[] | null {
  if (kinds == null) return null;
  const unknown = kinds.filter((k) => !isKind(k));
  if (unknown.length > 0) throw badInput(field, `unknown kind ${unknown.join(', ')}; known kinds: ${KIND_NAMES.join(', ')}`);
  return [...kinds];
}

export function relationshipTypesArg(field: string, types: readonly string[] | null | undefined): string[] {
  if (types == null) return [...RELATIONSHIP_TYPE_NAMES];
  const unknown = types.filter((t) => !isRelationshipType(t));
  if (unknown.length > 0)
    throw badInput(field, `unknown relationship type ${unknown.join(', ')}; known: ${RELATIONSHIP_TYPE_NAMES.join(', ')}`);
  return [...types];
}

/** An ISO calendar date (YYYY-MM-DD) that exists; today (UTC) when omitted. */
export function dateArg(field: string, value: string | null | undefined): string {
  if (value == null) return new Date().toISOString().slice(0, 10);
  if (!isCalendarDate(value)) throw badInput(field, `must be an ISO date YYYY-MM-DD, got "${value}"`);
  return value;
}

export function optionalDateArg(field: string, value: string | null | undefined): string | null {
  return value == null ? null : dateArg(field, value);
}

export function nonBlank(field: string, value: string): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw badInput(field, 'must not be empty');
  return trimmed;
}
