/**
 * The change log (变更记录), newest first, filtered and paged: who changed what, when, before and after.
 * Read by the changes question, an area history's changes and the live announcements alike.
 */
import type { Props } from '../../graph/entity-mapper.ts';
import type { GraphStore } from '../../graph/graph-store.ts';
import { connection, type Page } from '../paging.ts';
import { areaScope } from './audit.ts';

const text = (value: unknown) => (value == null ? null : String(value));

/** A stored :Change as the GraphQL Change type. */
export function changeObject(props: Props) {
  return {
    id: String(props.id),
    at: String(props.at),
    // Nullable in the schema: the authorization policy may hide who made a change (viewer role).
    actor: text(props.actor),
    action: String(props.action),
    entityId: String(props.entityId),
    entityKind: String(props.entityKind),
    before: text(props.before),
    after: text(props.after),
    reason: text(props.reason),
    source: text(props.source),
  };
}

export type ChangeObject = ReturnType<typeof changeObject>;

export interface ChangeFilter {
  /** Whether entries about accounts and sign-ins are included (mayReadAccountLog). */
  accounts: boolean;
  /** The ids within an area (entity/list-area-scope), or null for the whole log. */
  scope: string[] | null;
  entityId: string | null;
  action: string | null;
  actor: string | null;
  /** UTC instants (instantArg), inclusive / exclusive. */
  since: string | null;
  until: string | null;
}

/** One page of the log and the total, in one query (change/list-changes). */
export async function listChanges(store: Pick<GraphStore, 'read'>, filter: ChangeFilter, page: Page) {
  const [row] = await store.read<{ total: number; items: Props[] }>('change/list-changes', {
    ...filter,
    offset: page.offset,
    limit: page.limit,
  });
  return connection((row?.items ?? []).map(changeObject), row?.total ?? 0, page);
}

/**
 * The changes question: the log filtered by an area named by id or name (`areaId`) or none. An area
 * costs two lookups first (the area, then its ids); the log is then read once.
 */
export async function changesIn(
  store: Pick<GraphStore, 'read'>,
  filter: Omit<ChangeFilter, 'scope'> & { areaId: string | null },
  page: Page,
) {
  const { areaId, ...rest } = filter;
  const { scope } = areaId == null ? { scope: null } : await areaScope(store, areaId, 'areaId');
  return listChanges(store, { ...rest, scope }, page);
}
