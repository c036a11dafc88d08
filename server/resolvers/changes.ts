/** The change log (变更记录): the changes question, an adapter over services/changes.ts. */
import { badInput } from '../../graph/errors.ts';
import { mayReadAccountLog } from '../accounts/accounts.ts';
import { instantArg } from '../edit-args.ts';
import type { Resolvers } from '../generated/graphql.ts';
import { pageArgs } from '../paging.ts';
import { changesIn } from '../services/changes.ts';

export const changeResolvers = {
  Query: {
    changes: async (_root, args, { app, principal }) => {
      const page = pageArgs(args);
      const since = instantArg('since', args.since);
      const until = instantArg('until', args.until);
      if (since != null && until != null && until <= since) throw badInput('until', `must be later than since (${since})`);
      return changesIn(
        app.store,
        {
          accounts: mayReadAccountLog(principal),
          areaId: args.areaId ?? null,
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
} satisfies Resolvers;
