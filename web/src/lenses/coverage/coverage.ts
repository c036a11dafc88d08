/**
 * Coverage lens: the villages of an area coloured by pairing status on the chosen date (paired, not
 * paired, pairing ended), inside boxes for the subdistrict or community they lie in (compound nodes
 * that cytoscape-expand-collapse folds), with the paired enterprises outside. Beside the graph: the
 * coverage rate, the rate per subdistrict, and the list of unpaired villages.
 */
import type { ElementDefinition, NodeSingular } from 'cytoscape';
import { h, replaceChildren } from '../../dom.ts';
import { listDownloads } from '../../export.ts';
import { toDefinitions } from '../../graph-view.ts';
import { formatNumber, formatRate, t } from '../../i18n.ts';
import { coverageLayout } from '../../layouts.ts';
import { type Coverage, type CoverageFigures, coverageView, type GraphElements } from '../../queries.ts';
import { areaLens } from '../area-picker.ts';
import { type Lens, type LensContext, nextFrame } from '../lens.ts';

/**
 * The server's elements with each village put inside the place it lies in: its PART_OF edge becomes
 * the compound parent, which is how Cytoscape draws "lies within" as a box.
 */
export function nestVillages(elements: GraphElements): ElementDefinition[] {
  const definitions = toDefinitions(elements);
  const containers = new Set<string>();
  const parentOf = new Map<string, string>();
  for (const edge of elements.edges) {
    if (edge.data.label === 'PART_OF' && !parentOf.has(edge.data.source)) {
      parentOf.set(edge.data.source, edge.data.target);
      containers.add(edge.data.target);
    }
  }
  return definitions
    .filter((d) => !(d.group === 'edges' && d.data.label === 'PART_OF' && parentOf.get(String(d.data.source)) === d.data.target))
    .map((d) => {
      if (d.group !== 'nodes') return d;
      const id = String(d.data.id);
      const parent = parentOf.get(id);
      // Villages take the pairing colours; containers stay boxes.
      return {
        ...d,
        data: { ...d.data, ...(parent && !containers.has(id) ? { parent } : {}) },
        classes: d.data.pairing ? 'by-pairing' : '',
      };
    });
}

/** Folds a subdistrict's box into one node, or opens it again (cytoscape-expand-collapse, undoable). */
function toggleBox(node: NodeSingular, ctx: LensContext): void {
  const boxes = ctx.view.cy.expandCollapse('get');
  if (boxes.isExpandable(node)) ctx.view.undoRedo.do('expand', { nodes: node });
  else if (boxes.isCollapsible(node)) ctx.view.undoRedo.do('collapse', { nodes: node });
}

function rateRow(figures: CoverageFigures, ctx: LensContext): HTMLElement {
  const rate = figures.rate ?? 0;
  return h(
    'tr',
    { 'data-area': figures.area.id },
    h(
      'td',
      {},
      h('button', { type: 'button', class: 'link', onclick: () => ctx.selectNode(figures.area.id) }, figures.area.name),
      h('div', { class: 'rate-bar' }, h('span', { style: `width:${Math.round(rate * 100)}%` })),
    ),
    h('td', { class: 'num' }, formatNumber(figures.villages)),
    h('td', { class: 'num' }, formatNumber(figures.paired)),
    h('td', { class: 'num', 'data-testid': 'area-rate' }, figures.rate == null ? t('coverage.noVillages') : formatRate(figures.rate)),
  );
}

export function createCoverageLens(): Lens {
  let coverage: Coverage | null = null;

  const summarize = (ctx: LensContext) => {
    if (!coverage) {
      ctx.summary.replaceChildren();
      return;
    }
    const c = coverage;
    replaceChildren(
      ctx.summary,
      h('div', { class: 'section-title' }, `${t('coverage.rate')} · ${c.area.name}`),
      h('div', { class: 'summary-figure', 'data-testid': 'coverage-rate' }, formatRate(c.rate)),
      h(
        'p',
        { class: 'summary-line' },
        t('coverage.summary', { paired: formatNumber(c.paired), villages: formatNumber(c.villages), date: c.asOf }),
      ),
      c.byArea.length > 0 ? h('h3', { class: 'section-title' }, t('coverage.byArea')) : null,
      c.byArea.length > 0
        ? h(
            'table',
            { class: 'coverage', 'data-testid': 'coverage-by-area' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', {}, t('coverage.area')),
                h('th', {}, t('coverage.villages')),
                h('th', {}, t('coverage.paired')),
                h('th', {}, t('coverage.rate')),
              ),
            ),
            h('tbody', {}, ...c.byArea.map((figures) => rateRow(figures, ctx))),
          )
        : null,
      h('h3', { class: 'section-title', style: 'margin-top:12px' }, t('coverage.unpaired', { n: formatNumber(c.unpaired.totalCount) })),
      c.unpaired.totalCount > 0
        ? listDownloads(
            ctx.me(),
            'unpaired',
            { area: c.area.id, asOf: c.asOf, includeSynthetic: ctx.state.syn ? 'true' : null },
            'download-unpaired',
          )
        : null,
      c.unpaired.totalCount === 0
        ? h('p', { class: 'hint' }, t('coverage.unpairedNone'))
        : h(
            'ul',
            { class: 'plain columns', 'data-testid': 'unpaired-list' },
            ...c.unpaired.nodes.map((village) =>
              h(
                'li',
                { 'data-id': village.id },
                h('button', { type: 'button', class: 'link pairing-unpaired', onclick: () => ctx.selectNode(village.id) }, village.name),
              ),
            ),
          ),
    );
  };

  return areaLens({
    id: 'coverage',
    reset() {
      coverage = null;
    },
    async loadArea(ctx, chosen) {
      ctx.status.loading(t('status.loading.coverage'));
      const result = await coverageView(chosen, ctx.state.asOf, ctx.signal);
      coverage = result.coverage;
      summarize(ctx);
      ctx.status.loading(t('status.layout', { n: formatNumber(result.elements.nodes.length + result.elements.edges.length) }));
      await nextFrame();
      await ctx.view.replace(nestVillages(result.elements), (n) => coverageLayout(n));
      if (result.coverage.villages === 0) ctx.status.empty(t('empty.coverage'));
      else ctx.status.clear();
      ctx.notice(result.elements.truncated ? t('notice.truncated', { n: formatNumber(result.elements.nodes.length) }) : null);
    },
    renderSummary: summarize,
    async onDoubleTap(node, ctx) {
      toggleBox(node, ctx);
    },
    menuItems(ctx) {
      return [
        {
          id: 'cm-coverage-box',
          content: `${t('coverage.fold')} / ${t('coverage.unfold')}`,
          selector: 'node:parent, node.cy-expand-collapse-collapsed-node',
          onClickFunction: (event) => toggleBox(event.target as NodeSingular, ctx),
        },
      ];
    },
    tooltip(node) {
      const status = node.data('pairing');
      if (status) return t(`pairing.${status}` as 'pairing.paired');
      if (node.isParent()) return t('coverage.fold');
      return node.hasClass('cy-expand-collapse-collapsed-node') ? t('coverage.unfold') : null;
    },
  });
}
