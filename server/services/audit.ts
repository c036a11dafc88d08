/**
 * Audit (审计): the ids within an area, the rule-based findings over them, and the claims check. The
 * findings and claimsCheck questions, area history, the change log's area filter and the audit exports
 * all read through these.
 */
import { type EntityObject, type Props, toEntity } from '../../graph/entity-mapper.ts';
import type { GraphStore } from '../../graph/graph-store.ts';
import { dateArg } from '../args.ts';
import { type FindingRule, selectRules } from '../findings.ts';
import type { Page } from '../paging.ts';
import { findArea, showSynthetic } from './areas.ts';
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

export interface FindingsArgs {
  area?: string | null;
  rules?: string[] | null;
  severities?: string[] | null;
  asOf?: string | null;
  includeSynthetic?: boolean | null;
}

/** Runs the chosen rules (one query each) and returns their findings, most severe first. */
export async function runFindings(
  store: Pick<GraphStore, 'read'>,
  options: FindingsArgs,
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

/** The entities these findings are about, by id (one query). */
export async function findingEntities(store: Pick<GraphStore, 'read'>, findings: FindingRow[]): Promise<Map<string, EntityObject>> {
  const entities = await store.read<{ id: string; node: Props }>('entity/get-entities', {
    ids: [...new Set(findings.map((f) => f.entityId))],
  });
  return new Map(entities.map((e) => [e.id, toEntity(e.node)]));
}

/** One page of findings with their entities, the total, and the count of each rule chosen. */
export async function findingsPage(store: Pick<GraphStore, 'read'>, args: FindingsArgs, page: Page) {
  const { findings, rules } = await runFindings(store, args);
  const slice = findings.slice(page.offset, page.offset + page.limit);
  const byId = await findingEntities(store, slice);
  const nodes = slice.flatMap((f) => {
    const entity = byId.get(f.entityId);
    return entity ? [{ rule: f.rule, entity, detail: f.detail }] : [];
  });
  return {
    nodes,
    total: findings.length,
    byRule: rules.map((rule) => ({ rule, count: findings.filter((f) => f.rule === rule).length })),
  };
}
