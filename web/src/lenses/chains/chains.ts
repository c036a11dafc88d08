/**
 * Chains & buildings lens: the industry chains of an area with their leaders (总链长, 链长, as the
 * reports describe them) and enterprises; the commercial buildings and industrial parks with the
 * Party committees inside. The graph is each one's neighbourhood, fetched in one request (chainElements).
 */
import { h, replaceChildren } from '../../dom.ts';
import { expandNeighbours, exploreMenuItems } from '../../graph-actions.ts';
import { formatNumber, kindName, propertyName, t } from '../../i18n.ts';
import { chainsLayout } from '../../layouts.ts';
import { type Building, type Chain, type ChainLeader, chainElements, chainsAndBuildings, type EntityRef } from '../../queries.ts';
import { renderAreaPicker } from '../area-picker.ts';
import { type Lens, type LensContext, nextFrame } from '../lens.ts';

export function createChainsLens(): Lens {
  let area: Promise<string | null> = Promise.resolve(null);
  let chains: Chain[] = [];
  let buildings: Building[] = [];
  let buildingCount = 0;

  const link = (ctx: LensContext, entity: EntityRef) =>
    h('button', { type: 'button', class: 'link', onclick: () => ctx.selectNode(entity.id) }, entity.name);

  const leaderLine = (ctx: LensContext, leader: ChainLeader) =>
    h(
      'dd',
      {},
      h('strong', {}, leader.role),
      ' ',
      leader.holder ?? '',
      leader.organization ? ' · ' : '',
      leader.organization ? link(ctx, leader.organization) : null,
    );

  const chainCard = (ctx: LensContext, chain: Chain) => {
    const system = chain.properties.find((p) => p.key === 'partyBuildingSystem');
    return h(
      'div',
      { class: 'chain-card', 'data-id': chain.id },
      h('h4', {}, link(ctx, chain)),
      h(
        'dl',
        {},
        system ? h('dt', {}, propertyName('partyBuildingSystem')) : null,
        system ? h('dd', {}, system.value) : null,
        h('dt', {}, t('chains.leaders')),
        ...(chain.leaders.length > 0 ? chain.leaders.map((leader) => leaderLine(ctx, leader)) : [h('dd', {}, t('chains.none'))]),
        chain.subChains.length > 0 ? h('dt', {}, t('chains.subChains')) : null,
        ...chain.subChains.map((sub) =>
          h('dd', {}, link(ctx, sub), ` · ${t('chains.enterprises')} ${formatNumber(sub.enterprises.totalCount)}`),
        ),
        h('dt', {}, `${t('chains.enterprises')} (${formatNumber(chain.enterprises.totalCount)})`),
        h(
          'dd',
          {},
          ...chain.enterprises.nodes.slice(0, 12).flatMap((e, i) => [i > 0 ? '、' : '', link(ctx, e)]),
          chain.enterprises.totalCount > 12 ? ' …' : '',
        ),
      ),
    );
  };

  const buildingCard = (ctx: LensContext, building: Building) =>
    h(
      'div',
      { class: 'building-card', 'data-id': building.id },
      h('h4', {}, link(ctx, building), ' ', h('span', { class: 'hint' }, kindName(building.kind))),
      h(
        'dl',
        {},
        h('dt', {}, t('buildings.inside')),
        ...(building.organizationsInside?.length
          ? building.organizationsInside.map((org) => h('dd', {}, link(ctx, org), ' ', h('span', { class: 'hint' }, kindName(org.kind))))
          : [h('dd', {}, t('chains.none'))]),
        h('dt', {}, t('buildings.units')),
        h('dd', {}, formatNumber(building.unitsInside?.totalCount ?? 0)),
      ),
    );

  const summarize = (ctx: LensContext) => {
    replaceChildren(
      ctx.summary,
      h('h3', { class: 'section-title' }, t('chains.title', { n: formatNumber(chains.length) })),
      ...(chains.length > 0 ? chains.map((chain) => chainCard(ctx, chain)) : [h('p', { class: 'hint' }, t('chains.none'))]),
      h('h3', { class: 'section-title', style: 'margin-top:12px' }, t('buildings.title', { n: formatNumber(buildingCount) })),
      ...(buildings.length > 0 ? buildings.map((b) => buildingCard(ctx, b)) : [h('p', { class: 'hint' }, t('chains.none'))]),
    );
  };

  return {
    id: 'chains',
    hint: () => t('lens.chains.hint'),
    renderControls(ctx) {
      area = renderAreaPicker(ctx, { allowAll: true });
    },
    async load(ctx) {
      const chosen = await area;
      ctx.status.loading(t('status.loading.chains'));
      // The cards and the graph, side by side: two requests of a fixed size whatever the area holds.
      const [found, elements] = await Promise.all([
        chainsAndBuildings(chosen, ctx.state.syn, ctx.signal),
        chainElements(chosen, ctx.state.syn, ctx.signal),
      ]);
      chains = found.chains;
      buildings = found.buildings;
      buildingCount = found.buildingCount;
      summarize(ctx);
      ctx.status.loading(t('status.layout', { n: formatNumber(elements.nodes.length + elements.edges.length) }));
      await nextFrame();
      await ctx.view.replace(elements, (n) => chainsLayout(n));
      if (elements.nodes.length === 0) ctx.status.empty(t('empty.chains'));
      else ctx.status.clear();
      ctx.notice(elements.truncated ? t('notice.truncated', { n: formatNumber(elements.nodes.length) }) : null);
    },
    renderSummary: summarize,
    onDoubleTap: async (node, ctx) => void (await expandNeighbours(node, ctx)),
    menuItems: exploreMenuItems,
    tooltip: () => t('tooltip.dblclick'),
  };
}
