/** The change log (变更记录), newest first, filtered and paged: who changed what, when, before and after. */
import type { IResolvers } from 'mercurius';
import { instantArg } from '../edit-args.ts';
import type { Props } from '../entity-mapper.ts';
import { badInput } from '../errors.ts';
import { connection, pageArgs } from '../paging.ts';

const text = (value: unknown) => (value == null ? null : String(value));

/** A stored :Change as the GraphQL Change type. */
export function changeObject(props: Props) {
  return {
    id: String(props.id),
    at: String(props.at),
    actor: String(props.actor),
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
  action?: string | null;
  actor?: string | null;
  since?: string | null;
  until?: string | null;
  first?: number | null;
  after?: string | null;
}

export const changeResolvers: IResolvers = {
  Query: {
    changes: async (_root, args: ChangesArgs, { app }) => {
      const page = pageArgs(args);
      const since = instantArg('since', args.since);
      const until = instantArg('until', args.until);
      if (since != null && until != null && until <= since) throw badInput('until', `must be later than since (${since})`);
      const [row] = await app.store.read<{ total: number; items: Props[] }>('change/list-changes', {
        entityId: args.entityId ?? null,
        action: args.action ?? null,
        actor: args.actor ?? null,
        since,
        until,
        offset: page.offset,
        limit: page.limit,
      });
      return connection((row?.items ?? []).map(changeObject), row?.total ?? 0, page);
    },
  },
};
