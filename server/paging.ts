/**
 * Cursor paging with a hard maximum. A cursor is the opaque position of an item in a stable order
 * (every list query orders by a unique key), so `after` resumes exactly after it.
 */

import { type Props, toEntity } from '../graph/entity-mapper.ts';
import { badInput } from '../graph/errors.ts';
import { intInRange, MAX_PAGE } from './args.ts';

export interface Page {
  offset: number;
  limit: number;
}

export const encodeCursor = (position: number) => Buffer.from(`p:${position}`).toString('base64url');

export function pageArgs(args: { first?: number | null; after?: string | null }, defaultFirst = 100): Page {
  const limit = intInRange('first', args.first ?? defaultFirst, 1, MAX_PAGE);
  if (args.after == null) return { offset: 0, limit };
  // At most nine digits: a forged position past any list (or past Neo4j's integers) is refused here,
  // never sent to the database.
  const match = /^p:(\d{1,9})$/.exec(Buffer.from(args.after, 'base64url').toString());
  if (!match) throw badInput('after', 'is not a cursor this API gave out');
  return { offset: Number(match[1]) + 1, limit };
}

/** The cursor of the i-th item on a page. */
export const cursorAt = (page: Page, i: number) => encodeCursor(page.offset + i);

/** Builds a connection from one page of items and the total. */
export function connection<T>(items: T[], total: number, page: Page) {
  return {
    totalCount: total,
    nodes: items,
    pageInfo: { hasNextPage: page.offset + items.length < total, endCursor: items.length > 0 ? cursorAt(page, items.length - 1) : null },
  };
}

/** A connection of entities, each edge naming the relationship the list follows (REPORTS_TO, PART_OF) and its sources. */
export function entityConnection(items: Props[], total: number, page: Page, relationship: string) {
  const base = connection(items.map(toEntity), total, page);
  return {
    ...base,
    edges: base.nodes.map((node, i) => ({ cursor: cursorAt(page, i), node, relationship, sources: node.sources })),
  };
}
