/**
 * Account management for administrators (用户管理): thin resolvers over server/accounts/accounts.ts,
 * which writes each change with its change-log entry. Only admins reach them (ACCOUNT_FIELD_POLICY,
 * applied by auth/policy.ts).
 */
import type { MercuriusContext } from 'mercurius';
import {
  type Account,
  type Actor,
  addAccount,
  changeAccount,
  listAccounts,
  resetAccountPassword,
  setAccountStatus,
} from '../accounts/accounts.ts';
import type { Permission } from '../auth/principal.ts';
import type { Resolvers } from '../generated/graphql.ts';

/** Fields only administrators may use (on top of the type's own policy, e.g. Mutation's `write`). */
export const ACCOUNT_FIELD_POLICY = {
  Query: { users: 'admin' },
  Mutation: { addUser: 'admin', changeUser: 'admin', disableUser: 'admin', enableUser: 'admin', resetUserPassword: 'admin' },
} satisfies Record<string, Record<string, Permission>>;

const actorOf = (context: MercuriusContext): Actor => ({ name: context.actor, address: context.reply.request.ip });

const withPassword = ({ account, temporaryPassword }: { account: Account; temporaryPassword: string }) => ({
  user: account,
  temporaryPassword,
});

export const accountResolvers = {
  Query: {
    users: (_root, _args, { app }) => listAccounts(app.store),
  },
  Mutation: {
    addUser: async (_root, { input }, context) =>
      withPassword(await addAccount(context.app.store, actorOf(context), { ...input, password: null })),
    changeUser: (_root, { input }, context) => changeAccount(context.app.store, actorOf(context), input),
    disableUser: (_root, { login }, context) => setAccountStatus(context.app.store, actorOf(context), login, 'disabled'),
    enableUser: (_root, { login }, context) => setAccountStatus(context.app.store, actorOf(context), login, 'active'),
    resetUserPassword: async (_root, { login }, context) =>
      withPassword(await resetAccountPassword(context.app.store, actorOf(context), login)),
  },
} satisfies Resolvers;
