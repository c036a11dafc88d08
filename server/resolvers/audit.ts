/** Audit: rule-based findings over an area, and the claims check; the adapters over services/audit.ts. */
import type { IResolvers } from 'mercurius';
import { findingRules } from '../findings.ts';
import { connection, pageArgs } from '../paging.ts';
import { checkClaims, type FindingsArgs, findingsPage } from '../services/audit.ts';

export const auditResolvers: IResolvers = {
  Query: {
    findingRules: () => findingRules(),
    findings: async (_root, args: FindingsArgs & { first?: number | null; after?: string | null }, { app }) => {
      const page = pageArgs(args);
      const { nodes, total, byRule } = await findingsPage(app.store, args, page);
      return { ...connection(nodes, total, page), byRule };
    },
    claimsCheck: async (
      _root,
      args: { area?: string | null; statuses?: string[] | null; asOf?: string | null; history?: boolean | null; includeSynthetic: boolean },
      { app },
    ) => {
      const { claims } = await checkClaims(app.store, args.area, args);
      return args.statuses ? claims.filter((c) => args.statuses!.includes(c.status)) : claims;
    },
  },
};
