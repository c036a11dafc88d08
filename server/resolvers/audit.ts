/** Audit: rule-based findings over an area, and the claims check. */
import type { IResolvers } from 'mercurius';
import { type EntityObject, type Props, toEntity } from '../../graph/entity-mapper.ts';
import type { GraphStore } from '../../graph/graph-store.ts';
import { dateArg } from '../args.ts';
import { type FindingRule, findingRules, selectRules } from '../findings.ts';
import { connection, pageArgs } from '../paging.ts';
import { findArea, showSynthetic } from '../services/areas.ts';
import { claimObject } from './claims.ts';

/** The ids within an area, or null for the whole graph. */
export async function areaScope(store: Pick<GraphStore, 'read'>, area: string | null | undefined, field = 'area') {
  if (area == null) return { area: null, scope: null as string[] | null };
  const found = await findArea(store, field, area);
  const [row] = await store.read<{ ids: string[] }>('entity/list-area-scope', { areaId: found.id });
  return { area: found, scope: row?.ids ?? [found.id] };
}

/** Every claim stated within an area (or all), with the graph's count and status; two queries. */
export async function checkClaims(
  store: Pick<GraphStore, 'read'>,
  areaArg: string | null | undefined,
  options: { asOf?: string | null; history?: boolean | null; includeSynthetic?: boolean | null } = {},
) {
  const asOf = dateArg('asOf', options.asOf);
  const { area, scope } = await areaScope(store, areaArg);
  const subjects = await store.read<{ id: string; node: Props }>('claims/list-claim-subjects', {
    scope,
    includeSynthetic: showSynthetic(options, area),
  });
  if (subjects.length === 0) return { area, claims: [] };
  const rows = await store.read<{ id: string; items: Props[] }>('entity/list-claims', {
    ids: subjects.map((s) => s.id),
    asOf,
    history: options.history === true,
  });
  const subjectOf = new Map(subjects.map((s) => [s.id, toEntity(s.node)]));
  return { area, claims: rows.flatMap((row) => row.items.map((c) => claimObject(c, subjectOf.get(row.id)!))) };
}

export interface FindingRow {
  rule: FindingRule;
  entityId: string;
  detail: string;
}

/** Runs the chosen rules (one query each) and returns their findings, most severe first. */
export async function runFindings(
  store: Pick<GraphStore, 'read'>,
  options: { area?: string | null; rules?: string[] | null; severities?: string[] | null; asOf?: string | null; includeSynthetic: boolean },
): Promise<{ area: EntityObject | null; findings: FindingRow[]; rules: FindingRule[] }> {
  const rules = selectRules(options.rules, options.severities);
  const asOf = dateArg('asOf', options.asOf);
  const { area, scope } = await areaScope(store, options.area);
  const includeSynthetic = showSynthetic(options, area);
  const perRule = await Promise.all(
    rules.map(async (rule) => {
      const rows = await store.read<{ entityId: string; detail: string }>(rule.query, { scope, asOf, includeSynthetic });
      return rows.map((row) => ({ rule, ...row }));
    }),
  );
  return { area, findings: perRule.flat(), rules };
}

export const auditResolvers: IResolvers = {
  Query: {
    findingRules: () => findingRules(),
    findings: async (_root, args, { app }) => {
      const page = pageArgs(args);
      const { findings, rules } = await runFindings(app.store, args);
      const slice = findings.slice(page.offset, page.offset + page.limit);
      const entities = await app.store.read<{ id: string; node: Props }>('entity/get-entities', {
        ids: [...new Set(slice.map((f) => f.entityId))],
      });
      const byId = new Map(entities.map((e) => [e.id, toEntity(e.node)]));
      const nodes = slice
        .filter((f) => byId.has(f.entityId))
        .map((f) => ({ rule: f.rule, entity: byId.get(f.entityId), detail: f.detail }));
      return {
        ...connection(nodes, findings.length, page),
        byRule: rules.map((rule) => ({ rule, count: findings.filter((f) => f.rule === rule).length })),
      };
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
