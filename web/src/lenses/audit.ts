/**
 * Audit lens: the audit rules' findings on the graph of an area (its villages in their subdistrict
 * boxes, plus every other entity a rule flags), each flagged node bordered in its worst severity's
 * colour; beside it the findings, filterable by rule and severity, and the finding of a clicked node.
 * Under the graph, a board with the coverage roll-up of the three pairing kinds, the area history
 * between two dates, and the report downloads (the last two only for roles that may use them).
 */
import type { ElementDefinition, EventObject, NodeSingular } from 'cytoscape';
import { KINDS } from '../../../schema/model.ts';
import { describeError, download } from '../api.ts';
import { areaFindings, auditElements, coverageRollup, type Finding, type Findings, SEVERITIES, type Severity } from '../audit-queries.ts';
import { mayExport, mayReadHistory } from '../auth.ts';
import { h, replaceChildren } from '../dom.ts';
import { formatNumber, kindName, type MessageKey, t } from '../i18n.ts';
import { coverageLayout } from '../layouts.ts';
import { areaChoice } from './area-picker.ts';
import { renderHistory } from './audit-history.ts';
import { renderRollup } from './audit-rollup.ts';
import { nestVillages } from './coverage.ts';
import { type Lens, type LensContext, nextFrame } from './lens.ts';

/** At most this many findings are listed at once (filters narrow the list; the export has all). */
const LIST_LIMIT = 200;

const worse = (a: Severity, b: Severity) => (SEVERITIES.indexOf(a) <= SEVERITIES.indexOf(b) ? a : b);

/** Each flagged entity's worst severity. */
function worstById(findings: Finding[]): Map<string, Severity> {
  const worst = new Map<string, Severity>();
  for (const f of findings) worst.set(f.entity.id, worse(worst.get(f.entity.id) ?? 'info', f.rule.severity));
  return worst;
}

/** The area's elements, with the flagged entities not among them added as nodes of their own. */
function auditDefinitions(base: ElementDefinition[], findings: Finding[]): ElementDefinition[] {
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

const severityBadge = (severity: Severity) =>
  h('span', { class: `severity severity-${severity}` }, t(`severity.${severity}` as MessageKey));

export function createAuditLens(): Lens {
  const area = areaChoice();
  let chosenArea: string | null = null;
  let findings: Findings | null = null;
  let rule = '';
  let severity = '';
  let selected: string | null = null;
  let board: HTMLElement | null = null;
  let rollupData: { byKind: Awaited<ReturnType<typeof coverageRollup>>; asOf: string } | null = null;
  let onTap: ((event: EventObject) => void) | null = null;

  const detach = (ctx: LensContext) => {
    if (onTap) ctx.view.cy.off('tap', 'node', onTap);
    onTap = null;
    board?.remove();
    board = null;
  };

  const selectFinding = (ctx: LensContext, id: string) => {
    selected = id;
    ctx.selectNode(id);
    summarize(ctx);
  };

  const filtered = () =>
    (findings?.nodes ?? []).filter((f) => (!rule || f.rule.id === rule) && (!severity || f.rule.severity === severity));

  const detailBox = (ctx: LensContext) => {
    const mine = (findings?.nodes ?? []).filter((f) => f.entity.id === selected);
    if (!selected || mine.length === 0) return null;
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
  };

  const summarize = (ctx: LensContext) => {
    if (!findings) {
      ctx.summary.replaceChildren();
      return;
    }
    const ruleSelect = h(
      'select',
      { id: 'finding-rule', 'data-testid': 'finding-rule' },
      h('option', { value: '' }, t('audit.allRules')),
      ...findings.byRule.map((r) => h('option', { value: r.rule.id }, `${r.rule.zh}（${formatNumber(r.count)}）`)),
    );
    ruleSelect.value = rule;
    ruleSelect.addEventListener('change', () => {
      rule = ruleSelect.value;
      summarize(ctx);
    });
    const severitySelect = h(
      'select',
      { id: 'finding-severity', 'data-testid': 'finding-severity' },
      h('option', { value: '' }, t('audit.allSeverities')),
      ...SEVERITIES.map((s) => h('option', { value: s }, t(`severity.${s}` as MessageKey))),
    );
    severitySelect.value = severity;
    severitySelect.addEventListener('change', () => {
      severity = severitySelect.value;
      summarize(ctx);
    });
    const list = filtered();
    replaceChildren(
      ctx.summary,
      detailBox(ctx),
      h('div', { class: 'section-title' }, t('audit.findings', { n: formatNumber(findings.totalCount) })),
      h(
        'p',
        { class: 'severity-counts', 'data-testid': 'severity-counts' },
        ...SEVERITIES.map((s) => {
          const n = findings!.byRule.filter((r) => r.rule.severity === s).reduce((sum, r) => sum + r.count, 0);
          return n > 0 ? h('span', { 'data-severity': s }, severityBadge(s), ` ${formatNumber(n)} `) : null;
        }),
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
                  h('button', { type: 'button', class: 'link', onclick: () => selectFinding(ctx, f.entity.id) }, f.entity.name),
                  h('small', { class: 'muted' }, ` ${kindName(f.entity.kind)}`),
                  h('div', { class: 'muted' }, f.detail),
                ),
              ),
          ),
      list.length > LIST_LIMIT
        ? h('p', { class: 'hint' }, t('audit.shown', { shown: formatNumber(LIST_LIMIT), total: formatNumber(list.length) }))
        : null,
    );
  };

  const downloads = (ctx: LensContext, areaId: string) => {
    const asOf = ctx.state.asOf ?? new Date().toISOString().slice(0, 10);
    const message = h('span', { class: 'hint', role: 'alert' });
    const button = (report: 'findings' | 'coverage' | 'history', format: 'csv' | 'xlsx') =>
      h(
        'button',
        {
          type: 'button',
          class: 'small',
          'data-testid': `download-${report}-${format}`,
          onclick: () => {
            const q = new URLSearchParams({ area: areaId });
            if (report === 'history') {
              const from = (document.getElementById('history-from') as HTMLInputElement | null)?.value;
              const to = (document.getElementById('history-to') as HTMLInputElement | null)?.value;
              if (from) q.set('from', from);
              if (to) q.set('to', to);
            } else q.set('asOf', asOf);
            message.textContent = '';
            download(`/export/${report}.${format}?${q}`, `${report}.${format}`).catch((error: unknown) => {
              message.textContent = t('audit.downloadFailed', { detail: describeError(error) });
            });
          },
        },
        `${t(`audit.download.${report}` as MessageKey)} ${format.toUpperCase()}`,
      );
    return h(
      'div',
      { class: 'downloads', 'data-testid': 'audit-downloads' },
      h('span', { class: 'section-title' }, t('audit.downloads')),
      button('findings', 'csv'),
      button('findings', 'xlsx'),
      button('coverage', 'csv'),
      button('coverage', 'xlsx'),
      mayReadHistory(ctx.me()) ? button('history', 'csv') : null,
      mayReadHistory(ctx.me()) ? button('history', 'xlsx') : null,
      message,
    );
  };

  /** The board under the graph: roll-up and history as tabs, downloads on top. */
  const renderBoard = (ctx: LensContext, areaId: string) => {
    board?.remove();
    const me = ctx.me();
    const rollup = h('div', { class: 'board-page', 'data-testid': 'rollup-page' }, h('p', { class: 'hint' }, t('status.loading')));
    const history = h('div', { class: 'board-page', 'data-testid': 'history-page', hidden: true });
    const tabs = h('div', { class: 'board-tabs', role: 'tablist' });
    const pages: [MessageKey, HTMLElement, string][] = [['audit.tab.rollup', rollup, 'tab-rollup']];
    if (mayReadHistory(me)) pages.push(['audit.tab.history', history, 'tab-history']);
    for (const [key, page, testId] of pages) {
      const tab = h('button', { type: 'button', role: 'tab', 'data-testid': testId, 'aria-selected': String(page === rollup) }, t(key));
      tab.addEventListener('click', () => {
        for (const [, other] of pages) other.hidden = other !== page;
        for (const b of tabs.querySelectorAll('button')) b.setAttribute('aria-selected', String(b === tab));
      });
      tabs.append(tab);
    }
    board = h(
      'section',
      { class: 'audit-board', 'data-testid': 'audit-board' },
      h('div', { class: 'board-head' }, tabs, mayExport(me) ? downloads(ctx, areaId) : null),
      rollup,
      mayReadHistory(me) ? history : null,
    );
    document.getElementById('cy')!.after(board);
    if (mayReadHistory(me)) renderHistory(history, areaId, ctx, true);
    return rollup;
  };

  return {
    id: 'audit',
    hint: () => t('lens.audit.hint'),
    renderControls: area.renderControls,
    async load(ctx) {
      detach(ctx);
      findings = null;
      selected = null;
      const chosen = await area.chosen(ctx);
      chosenArea = chosen;
      if (!chosen) return;
      ctx.status.loading(t('status.loading.audit'));
      rollupData = null;
      const rollupPage = renderBoard(ctx, chosen);
      const asOf = ctx.state.asOf;
      // The table fills in on its own; the graph does not wait for it.
      coverageRollup(chosen, asOf, ctx.signal)
        .then((byKind) => {
          rollupData = { byKind, asOf: asOf ?? new Date().toISOString().slice(0, 10) };
          renderRollup(rollupPage, byKind, rollupData.asOf, ctx);
        })
        .catch((error: unknown) => {
          if (!ctx.signal.aborted) replaceChildren(rollupPage, h('p', { class: 'hint', role: 'alert' }, describeError(error)));
        });
      const [found, elements] = await Promise.all([areaFindings(chosen, asOf, ctx.signal), auditElements(chosen, asOf, ctx.signal)]);
      findings = found;
      summarize(ctx);
      const definitions = auditDefinitions(nestVillages(elements), found.nodes);
      ctx.status.loading(t('status.layout', { n: formatNumber(definitions.length) }));
      await nextFrame();
      await ctx.view.replace(definitions, (n) => coverageLayout(n));
      onTap = (event) => {
        const node = event.target as NodeSingular;
        if (!node.data('finding')) return;
        selected = node.id();
        summarize(ctx);
      };
      ctx.view.cy.on('tap', 'node', onTap);
      if (definitions.length === 0) ctx.status.empty(t('audit.noFindings'));
      else ctx.status.clear();
      ctx.notice(elements.truncated ? t('notice.truncated', { n: formatNumber(elements.nodes.length) }) : null);
    },
    renderSummary(ctx) {
      summarize(ctx);
      // The board's words follow the language too (the history is asked for again).
      if (board && chosenArea) {
        const rollupPage = renderBoard(ctx, chosenArea);
        if (rollupData) renderRollup(rollupPage, rollupData.byKind, rollupData.asOf, ctx);
      }
    },
    leave(ctx) {
      detach(ctx);
    },
    tooltip(node) {
      const s = node.data('finding') as Severity | undefined;
      return s ? t(`severity.${s}` as MessageKey) : null;
    },
  };
}
