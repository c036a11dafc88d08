/**
 * The audit lens's side panel: the selected entity's findings, the counts per severity, the rule and
 * severity filters and the list of findings (each a link to its node). Drawn again whole on each
 * change; what it shows comes from audit-model.ts.
 */
import { type Findings, SEVERITIES, type Severity } from '../../audit-queries.ts';
import { h, replaceChildren } from '../../dom.ts';
import { formatNumber, kindName, type MessageKey, t } from '../../i18n.ts';
import type { LensContext } from '../lens.ts';
import { type FindingFilter, filterFindings, findingsFor, LIST_LIMIT, severityTotals } from './audit-model.ts';

export const severityBadge = (severity: Severity) =>
  h('span', { class: `severity severity-${severity}` }, t(`severity.${severity}` as MessageKey));

export interface FindingsPanel {
  findings: Findings;
  filter: FindingFilter;
  /** The entity whose findings are shown on top. */
  selected: string | null;
  onFilter(filter: FindingFilter): void;
  onSelect(id: string): void;
}

function detailBox(ctx: LensContext, panel: FindingsPanel) {
  const mine = findingsFor(panel.findings.nodes, panel.selected);
  if (mine.length === 0) return null;
  const entity = mine[0]!.entity;
  return h(
    'div',
    { class: 'finding-detail', 'data-testid': 'finding-detail', 'data-id': entity.id },
    h('div', { class: 'section-title' }, t('audit.findingFor', { name: entity.name })),
    h(
      'ul',
      { class: 'plain' },
      ...mine.map((f) =>
        h('li', { 'data-rule': f.rule.id }, severityBadge(f.rule.severity), ' ', h('strong', {}, f.rule.zh), h('div', {}, f.detail)),
      ),
    ),
    h(
      'button',
      { type: 'button', class: 'small', onclick: () => ctx.selectNode(entity.id) },
      t('audit.selectEntity'),
      ctx.view.node(entity.id) ? '' : ` ${t('audit.notOnGraph')}`,
    ),
  );
}

/** A select of one filter, '' for all; a change calls `onChange` with the new value. */
function filterSelect(id: string, all: MessageKey, options: [string, string][], value: string, onChange: (value: string) => void) {
  const select = h(
    'select',
    { id, 'data-testid': id },
    h('option', { value: '' }, t(all)),
    ...options.map(([v, label]) => h('option', { value: v }, label)),
  );
  select.value = value;
  select.addEventListener('change', () => onChange(select.value));
  return select;
}

export function renderFindingsPanel(ctx: LensContext, panel: FindingsPanel): void {
  const { findings, filter } = panel;
  const ruleSelect = filterSelect(
    'finding-rule',
    'audit.allRules',
    findings.byRule.map((r) => [r.rule.id, `${r.rule.zh}（${formatNumber(r.count)}）`]),
    filter.rule,
    (rule) => panel.onFilter({ ...filter, rule }),
  );
  const severitySelect = filterSelect(
    'finding-severity',
    'audit.allSeverities',
    SEVERITIES.map((s) => [s, t(`severity.${s}` as MessageKey)]),
    filter.severity,
    (severity) => panel.onFilter({ ...filter, severity }),
  );
  const list = filterFindings(findings.nodes, filter);
  replaceChildren(
    ctx.summary,
    detailBox(ctx, panel),
    h('div', { class: 'section-title' }, t('audit.findings', { n: formatNumber(findings.totalCount) })),
    h(
      'p',
      { class: 'severity-counts', 'data-testid': 'severity-counts' },
      ...severityTotals(findings.byRule).map(([s, n]) => h('span', { 'data-severity': s }, severityBadge(s), ` ${formatNumber(n)} `)),
    ),
    h('div', { class: 'field' }, h('label', { for: 'finding-rule' }, t('audit.rule')), ruleSelect),
    h('div', { class: 'field' }, h('label', { for: 'finding-severity' }, t('audit.severity')), severitySelect),
    list.length === 0
      ? h('p', { class: 'hint' }, t('audit.noFindings'))
      : h(
          'ul',
          { class: 'plain findings', 'data-testid': 'finding-list' },
          ...list
            .slice(0, LIST_LIMIT)
            .map((f) =>
              h(
                'li',
                { 'data-id': f.entity.id, 'data-rule': f.rule.id, 'data-severity': f.rule.severity },
                severityBadge(f.rule.severity),
                ' ',
                h('button', { type: 'button', class: 'link', onclick: () => panel.onSelect(f.entity.id) }, f.entity.name),
                h('small', { class: 'muted' }, ` ${kindName(f.entity.kind)}`),
                h('div', { class: 'muted' }, f.detail),
              ),
            ),
        ),
    list.length > LIST_LIMIT
      ? h('p', { class: 'hint' }, t('audit.shown', { shown: formatNumber(LIST_LIMIT), total: formatNumber(list.length) }))
      : null,
  );
}
