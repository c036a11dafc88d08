/** Audit: rule-based findings over an area, and the claims check; the adapters over services/audit.ts. */
import { findingRules } from '../findings.ts';
import type { Resolvers } from '../generated/graphql.ts';
import { connection, pageArgs } from '../paging.ts';
import { checkClaims, findingsPage } from '../services/audit.ts';

export const auditResolvers = {
  Query: {
    findingRules: () => findingRules(),
    findings: async (_root, args, { app }) => {
      const page = pageArgs(args);
      const { nodes, total, byRule } = await findingsPage(app.store, args, page);
      return { ...connection(nodes, total, page), byRule };
    },
    claimsCheck: async (_root, args, { app }) => {
      const { claims } = await checkClaims(app.store, args.area, args);
      return args.statuses ? claims.filter((c) => args.statuses!.includes(c.status)) : claims;
    },
  },
} satisfies Resolvers;
