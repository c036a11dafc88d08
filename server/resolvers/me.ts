/** Who is asking: lets the viewer show the signed-in name and hide what the role cannot use. */
import { can } from '../auth/principal.ts';
import type { Resolvers } from '../generated/graphql.ts';

export const meResolvers = {
  Query: {
    me: (_root, _args, { principal }) =>
      principal && {
        name: principal.name,
        role: principal.role,
        scope: principal.scope,
        canWrite: can(principal, 'write'),
        canAudit: can(principal, 'readHistory') && can(principal, 'export'),
      },
  },
} satisfies Resolvers;
