/**
 * Network lens: an entity and its neighbours, one to three steps out, with pairings as of the
 * chosen date. Double-click (or the context menu, by relationship type) expands a node; nodes can be
 * hidden; every step can be undone.
 */

import { h, replaceChildren } from '../dom.ts';
import { expandNeighbours, exploreMenuItems } from '../graph-actions.ts';
import { formatNumber, t } from '../i18n.ts';
import { networkLayout } from '../layouts.ts';
import { entityRefs, neighbourhoodElements } from '../queries.ts';
import { type Lens, type LensContext, nextFrame } from './lens.ts';

const LIMIT = 2000;

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
      select.addEventListener('change', () => ctx.navigate({ depth: Number(select.value) }));
      replaceChildren(
        ctx.controls,
        h('div', { class: 'field' }, h('label', { for: 'depth-select' }, t('depth.label')), select),
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
      await ctx.view.replace(elements, (n) => networkLayout(n));
      ctx.view.node(focus)?.addClass('focus');
      if (elements.nodes.length <= 1) ctx.status.empty(t('empty.network'));
      else ctx.status.clear();
      ctx.notice(elements.truncated ? t('notice.truncated', { n: formatNumber(elements.nodes.length) }) : null);
      summarize(ctx);
    },
    renderSummary: summarize,
    async onDoubleTap(node, ctx) {
      await expandNeighbours(node, ctx);
      summarize(ctx);
    },
    menuItems: exploreMenuItems,
    tooltip: () => t('tooltip.dblclick'),
  };
}
