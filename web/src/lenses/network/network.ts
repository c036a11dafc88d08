/**
 * Network lens: an entity and its neighbours, one to three steps out, with pairings as of the
 * chosen date. Double-click (or the context menu, by relationship type) expands a node; nodes can be
 * hidden; every step can be undone. A large reach is asked about first and drawn readable (grouped by
 * 街道 beyond the first step, labels by importance, no two nodes overlapping: large-view.ts, layouts.ts).
 */

import { h, replaceChildren } from '../../dom.ts';
import { expandNeighbours, exploreMenuItems } from '../../graph-actions.ts';
import { toDefinitions } from '../../graph-view.ts';
import { formatNumber, t } from '../../i18n.ts';
import {
  AGGREGATE_ABOVE,
  beyondFirstStep,
  foldGroups,
  groupBySubdistrict,
  installNeighbourLabels,
  markImportance,
  neighbourhoodSize,
  subdistrictsOf,
  toggleGroup,
  WARN_ABOVE,
} from '../../large-view.ts';
import { networkLayout, nonOverlapLayout } from '../../layouts.ts';
import { entityRefs, neighbourhoodElements } from '../../queries.ts';
import { type Lens, type LensContext, nextFrame } from '../lens.ts';

const LIMIT = 2000;

/**
 * A deeper reach than the one drawn is counted first (neighbourhoodSize); above WARN_ABOVE nodes the
 * planner is told how many and chooses to draw them or not.
 */
async function chooseDepth(ctx: LensContext, select: HTMLSelectElement, warning: HTMLElement): Promise<void> {
  const depth = Number(select.value);
  const focus = ctx.state.focus;
  warning.hidden = true;
  if (!focus || depth <= ctx.state.depth) {
    ctx.navigate({ depth });
    return;
  }
  select.disabled = true;
  ctx.notice(t('depth.counting'));
  let n = 0;
  try {
    n = (await neighbourhoodSize(focus, LIMIT, ctx.signal))[`depth${depth}` as 'depth1' | 'depth2' | 'depth3'];
  } catch {
    // The count only advises: without it the reach is drawn as asked.
  } finally {
    select.disabled = false;
    ctx.notice(null);
  }
  if (n <= WARN_ABOVE) {
    ctx.navigate({ depth });
    return;
  }
  const go = h('button', { type: 'button', 'data-testid': 'depth-warning-go' }, t('depth.warnGo'));
  const cancel = h('button', { type: 'button', 'data-testid': 'depth-warning-cancel' }, t('depth.warnCancel'));
  go.addEventListener('click', () => {
    warning.hidden = true;
    ctx.navigate({ depth });
  });
  cancel.addEventListener('click', () => {
    warning.hidden = true;
    select.value = String(ctx.state.depth);
    select.focus();
  });
  const label = depth === 1 ? t('depth.one') : t('depth.option', { n: depth });
  replaceChildren(
    warning,
    h('p', { 'data-testid': 'depth-warning-text' }, t('depth.warn', { depth: label, n: formatNumber(n) })),
    h('div', { class: 'button-row' }, go, cancel),
  );
  warning.dataset.count = String(n);
  warning.hidden = false;
  go.focus();
}

export function createNetworkLens(): Lens {
  let centreName = '';

  const summarize = (ctx: LensContext) => {
    const cy = ctx.view.cy;
    replaceChildren(
      ctx.summary,
      centreName ? h('p', { class: 'summary-line' }, `${t('focus.label')}${t('colon')}`, h('strong', {}, centreName)) : null,
      h(
        'p',
        { class: 'summary-line', 'data-testid': 'network-summary' },
        t('network.summary', { nodes: formatNumber(cy.nodes().length), edges: formatNumber(cy.edges().length) }),
      ),
    );
  };

  return {
    id: 'network',
    hint: () => t('lens.network.hint'),
    renderControls(ctx) {
      const select = h(
        'select',
        { id: 'depth-select', 'data-testid': 'depth-select' },
        ...[1, 2, 3].map((n) =>
          h('option', { value: n, selected: n === ctx.state.depth }, n === 1 ? t('depth.one') : t('depth.option', { n })),
        ),
      );
      const warning = h('div', { class: 'depth-warning', 'data-testid': 'depth-warning', role: 'alert', hidden: true });
      select.addEventListener('change', () => void chooseDepth(ctx, select, warning));
      replaceChildren(
        ctx.controls,
        h('div', { class: 'field' }, h('label', { for: 'depth-select' }, t('depth.label')), select),
        warning,
        ctx.state.focus ? null : h('p', { class: 'hint' }, t('focus.none')),
      );
    },
    async load(ctx) {
      const focus = ctx.state.focus;
      if (!focus) {
        ctx.view.clear();
        ctx.status.empty(t('empty.noFocus'));
        summarize(ctx);
        return;
      }
      ctx.status.loading(t('status.loading.network'));
      const elements = await neighbourhoodElements({ id: focus, depth: ctx.state.depth, limit: LIMIT, asOf: ctx.state.asOf }, ctx.signal);
      centreName = elements.nodes.find((n) => n.data.id === focus)?.data.label ?? (await entityRefs([focus], ctx.signal))[0]?.name ?? '';
      ctx.status.loading(t('status.layout', { n: formatNumber(elements.nodes.length + elements.edges.length) }));
      await nextFrame();
      const cy = ctx.view.cy;
      let groups: string[] = [];
      if (elements.nodes.length > AGGREGATE_ABOVE) {
        // Placed (members on their boxes' grids), sized, then folded: only the centre, its neighbours
        // and one box per kind are laid out, a few dozen nodes instead of thousands.
        const definitions = toDefinitions(elements);
        // By 街道: where each node beyond the first step lies (without it, by kind only).
        const located = await subdistrictsOf(beyondFirstStep(definitions, focus), ctx.signal).catch(() => new Map());
        const grouped = groupBySubdistrict(definitions, focus, located);
        groups = grouped.groups;
        await ctx.view.replace(grouped.definitions, () => ({ name: 'preset', fit: false, animate: false }) as cytoscape.LayoutOptions);
        markImportance(cy, focus);
        foldGroups(cy);
        await ctx.view.runLayout(networkLayout(cy.nodes().length));
      } else {
        await ctx.view.replace(elements, (n) => networkLayout(n));
        markImportance(cy, focus);
      }
      // Then no two nodes (labels included) on top of each other: sizes by importance are set first.
      const apart = nonOverlapLayout(cy.nodes().length);
      if (apart) await ctx.view.runLayout(apart);
      installNeighbourLabels(cy);
      ctx.view.node(focus)?.addClass('focus');
      if (elements.nodes.length <= 1) ctx.status.empty(t('empty.network'));
      else ctx.status.clear();
      ctx.notice(
        [
          elements.truncated ? t('notice.truncated', { n: formatNumber(elements.nodes.length) }) : null,
          groups.length > 0 ? t('aggregate.notice', { n: formatNumber(elements.nodes.length), groups: groups.length }) : null,
        ]
          .filter(Boolean)
          .join(' ') || null,
      );
      summarize(ctx);
    },
    renderSummary: summarize,
    async onDoubleTap(node, ctx) {
      if (!toggleGroup(node, ctx.view.cy, ctx.view.undoRedo)) await expandNeighbours(node, ctx);
      summarize(ctx);
    },
    menuItems: exploreMenuItems,
    tooltip: (node) => (node.hasClass('aggregate') ? t('aggregate.tooltip') : t('tooltip.dblclick')),
  };
}
