/**
 * The audit lens's pure steps (web/src/lenses/audit/audit-model.ts), without a browser: the severity that
 * marks each node, the elements the graph shows, the filters, the counts per severity, a node's
 * findings and the download addresses.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../web/src/audit-queries.ts';
import {
  auditDefinitions,
  exportUrl,
  filterFindings,
  findingsFor,
  severityTotals,
  worstById,
} from '../../web/src/lenses/audit/audit-model.ts';

const finding = (entityId: string, ruleId: string, severity: Finding['rule']['severity'], kind = 'Village'): Finding => ({
  rule: { id: ruleId, severity, title: ruleId, zh: ruleId },
  entity: { id: entityId, name: `${entityId}-name`, kind } as Finding['entity'],
  detail: `${ruleId} on ${entityId}`,
});

const v1Unpaired = finding('v1', 'unpaired-village', 'warning');
const v1NoSource = finding('v1', 'no-source', 'error');
const ent1Ended = finding('ent1', 'ended-pairing', 'info', 'Enterprise');
const findings = [v1Unpaired, v1NoSource, ent1Ended];

describe('audit lens steps', () => {
  it('mark each flagged entity with its worst severity', () => {
    expect(worstById(findings)).toEqual(
      new Map([
        ['v1', 'error'],
        ['ent1', 'info'],
      ]),
    );
  });

  it('add the flagged entities the area graph lacks, and mark the flagged nodes', () => {
    const base = [
      { group: 'nodes' as const, data: { id: 'v1', label: 'v1' } },
      { group: 'nodes' as const, data: { id: 'v2', label: 'v2' } },
      { group: 'edges' as const, data: { id: 'v1-v2', source: 'v1', target: 'v2' } },
    ];
    const definitions = auditDefinitions(base, findings);
    expect(definitions.map((d) => [d.data.id, d.data.finding])).toEqual([
      ['v1', 'error'],
      ['v2', undefined],
      ['v1-v2', undefined],
      ['ent1', 'info'],
    ]);
    expect(definitions[3]!.data).toMatchObject({
      label: 'ent1-name',
      kind: 'Enterprise',
      category: 'Unit',
      synthetic: false,
      pairing: null,
    });
  });

  it('filter by rule and severity, each empty for all', () => {
    expect(filterFindings(findings, { rule: '', severity: '' })).toEqual(findings);
    expect(filterFindings(findings, { rule: 'no-source', severity: '' })).toEqual([v1NoSource]);
    expect(filterFindings(findings, { rule: '', severity: 'info' })).toEqual([ent1Ended]);
    expect(filterFindings(findings, { rule: 'no-source', severity: 'info' })).toEqual([]);
  });

  it('count findings per severity, most severe first, leaving out severities with none', () => {
    const byRule = [
      { rule: v1Unpaired.rule, count: 12 },
      { rule: v1NoSource.rule, count: 3 },
      { rule: { id: 'other-warning', severity: 'warning' as const, title: 'x', zh: 'x' }, count: 5 },
    ];
    expect(severityTotals(byRule)).toEqual([
      ['error', 3],
      ['warning', 17],
    ]);
  });

  it('give the findings on the selected entity, none without a selection', () => {
    expect(findingsFor(findings, 'v1')).toEqual([v1Unpaired, v1NoSource]);
    expect(findingsFor(findings, null)).toEqual([]);
    expect(findingsFor(findings, 'nobody')).toEqual([]);
  });

  it('address a report on a date, and the history between the dates given', () => {
    const dates = { asOf: '2024-06-30', from: '2024-01-01', to: undefined };
    expect(exportUrl('findings', 'csv', 'lc-district', dates)).toBe('/export/findings.csv?area=lc-district&asOf=2024-06-30');
    expect(exportUrl('coverage', 'xlsx', 'lc-district', dates)).toBe('/export/coverage.xlsx?area=lc-district&asOf=2024-06-30');
    expect(exportUrl('history', 'csv', 'lc-district', dates)).toBe('/export/history.csv?area=lc-district&from=2024-01-01');
  });
});
