/** The change log (变更记录): who changed what, when, before and after. */
import type { IResolvers } from 'mercurius';
import type { Props } from '../entity-mapper.ts';
import { badInput } from '../errors.ts';
import { connection, pageArgs } from '../paging.ts';

/** An ISO date or date-time, as the log's `at` is compared as text. */
function instantArg(field: string, value: string | null | undefined): string | null {
  if (value == null) return null;
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw badInput(field, `must be an ISO date or date-time, got "${value}"`);
  }
  return new Date(value.length === 10 ? `${value}T00:00:00Z` : value).toISOString();
}

export const changeResolvers: IResolvers = {
  Query: {
    changes: async (
      _root,
      args: { entityId?: string; action?: string; actor?: string; since?: string; until?: string; first?: number; after?: string },
      { app },
    ) => {
      const page = pageArgs(args);
      const [row] = await app.store.read<{ total: number; items: Props[] }>('change/list-changes', {
        entityId: args.entityId ?? null,
        action: args.action ?? null,
        actor: args.actor ?? null,
        since: instantArg('since', args.since),
        until: instantArg('until', args.until),
        offset: page.offset,
        limit: page.limit,
      });
      const { cursors: _c, ...rest } = connection(row?.items ?? [], row?.total ?? 0, page);
      return rest;
    },
  },
};
