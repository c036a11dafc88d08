/**
 * The audit lens's pure steps (no DOM, no requests; unit-tested in tests/unit/audit-model.test.ts):
 * which severity marks each node, the elements the graph shows, the findings the filters keep, the
 * counts per severity, a node's findings, and the address of each report download.
 */
import type { ElementDefinition } from 'cytoscape';
import { KINDS } from '../../../../schema/model.ts';
import { type Finding, type Findings, SEVERITIES, type Severity } from '../../audit-queries.ts';

/** At most this many findings are listed at once (filters narrow the list; the export has all). */
export const LIST_LIMIT = 200;

/** The date a lens without a chosen date reports on. */
export const today = () => new Date().toISOString().slice(0, 10);

const worse = (a: Severity, b: Severity) => (SEVERITIES.indexOf(a) <= SEVERITIES.indexOf(b) ? a : b);

/** Each flagged entity's worst severity. */
export function worstById(findings: readonly Finding[]): Map<string, Severity> {
  const worst = new Map<string, Severity>();
  for (const f of findings) worst.set(f.entity.id, worse(worst.get(f.entity.id) ?? 'info', f.rule.severity));
  return worst;
}

/** The area's elements, with the flagged entities not among them added as nodes of their own. */
export function auditDefinitions(base: ElementDefinition[], findings: readonly Finding[]): ElementDefinition[] {
  const worst = worstById(findings);
  const present = new Set(base.filter((d) => d.group === 'nodes').map((d) => String(d.data.id)));
  const extra: ElementDefinition[] = [];
  for (const f of findings) {
    if (present.has(f.entity.id)) continue;
    present.add(f.entity.id);
    const category = (KINDS as Record<string, { category: string }>)[f.entity.kind]?.category ?? 'Place';
    extra.push({
      group: 'nodes',
      data: { id: f.entity.id, label: f.entity.name, kind: f.entity.kind, category, synthetic: f.entity.synthetic === true, pairing: null },
    });
  }
  return [...base, ...extra].map((d) => {
    const severity = d.group === 'nodes' ? worst.get(String(d.data.id)) : undefined;
    return severity ? { ...d, data: { ...d.data, finding: severity } } : d;
  });
}

/** The list's filters: a rule id and a severity, '' for all. */
export interface FindingFilter {
  rule: string;
  severity: string;
}

export const filterFindings = (findings: readonly Finding[], { rule, severity }: FindingFilter): Finding[] =>
  findings.filter((f) => (!rule || f.rule.id === rule) && (!severity || f.rule.severity === severity));

/** Findings per severity, most severe first, the severities with none left out. */
export const severityTotals = (byRule: Findings['byRule']): [Severity, number][] =>
  SEVERITIES.map((s): [Severity, number] => [s, byRule.filter((r) => r.rule.severity === s).reduce((sum, r) => sum + r.count, 0)]).filter(
    ([, n]) => n > 0,
  );

/** The findings on one entity (none when no entity is selected). */
export const findingsFor = (findings: readonly Finding[], id: string | null): Finding[] =>
  id === null ? [] : findings.filter((f) => f.entity.id === id);

export type AuditReport = 'findings' | 'coverage' | 'history';

/**
 * The address of a report download: the findings and the coverage on a date, the history between
 * two dates (either may be left open).
 */
export function exportUrl(
  report: AuditReport,
  format: 'csv' | 'xlsx',
  areaId: string,
  dates: { asOf: string; from?: string | undefined; to?: string | undefined },
): string {
  const q = new URLSearchParams({ area: areaId });
  if (report === 'history') {
    if (dates.from) q.set('from', dates.from);
    if (dates.to) q.set('to', dates.to);
  } else q.set('asOf', dates.asOf);
  return `/export/${report}.${format}?${q}`;
}
