/** The change log (变更记录), newest first, filtered and paged: who changed what, when, before and after. */
import type { IResolvers } from 'mercurius';
import type { Props } from '../../graph/entity-mapper.ts';
import { badInput } from '../../graph/errors.ts';
import type { GraphStore } from '../../graph/graph-store.ts';
import { mayReadAccountLog } from '../accounts/accounts.ts';
import { instantArg } from '../edit-args.ts';
import { connection, type Page, pageArgs } from '../paging.ts';
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

interface ChangesArgs {
  entityId?: string | null;
  areaId?: string | null;
  action?: string | null;
  actor?: string | null;
  since?: string | null;
  until?: string | null;
  first?: number | null;
  after?: string | null;
}

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

export const changeResolvers: IResolvers = {
  Query: {
    changes: async (_root, args: ChangesArgs, { app, principal }) => {
      const page = pageArgs(args);
      const since = instantArg('since', args.since);
      const until = instantArg('until', args.until);
      if (since != null && until != null && until <= since) throw badInput('until', `must be later than since (${since})`);
      // An area costs two lookups first (the area, then its ids); the log is then read once.
      const { scope } = args.areaId == null ? { scope: null } : await areaScope(app.store, args.areaId, 'areaId');
      return listChanges(
        app.store,
        {
          accounts: mayReadAccountLog(principal),
          scope,
          entityId: args.entityId ?? null,
          action: args.action ?? null,
          actor: args.actor ?? null,
          since,
          until,
        },
        page,
      );
    },
  },
};
