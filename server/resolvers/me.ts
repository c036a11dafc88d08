/** Who is asking: lets the viewer show the signed-in name and hide what the role cannot use. */
import type { IResolvers } from 'mercurius';
import { can } from '../auth/principal.ts';

export const meResolvers: IResolvers = {
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
};
