/**
 * Ranking lens (街道排名): every 街道 of the city (or of the chosen area) across its districts, with
 * its pairing coverage per kind (subdistrictRanking, one request). Under the graph, a table sortable
 * by any column for the chosen kind, with a download; in the graph, one box per 街道 inside its
 * district, tinted by rate on a colour-blind-safe sequential scale and labelled with the rate, so the
 * colour is never the only sign. A 街道's name opens the coverage lens for it.
 */
import type { ElementDefinition } from 'cytoscape';
import { gql } from '../../api.ts';
import { PAIRING_KINDS, type PairingKind } from '../../audit-queries.ts';
import { h, replaceChildren } from '../../dom.ts';
import { listDownloads } from '../../export.ts';
import { type RankFragment, RankingDocument } from '../../generated/graphql.ts';
import { formatNumber, formatRate, type MessageKey, t } from '../../i18n.ts';
import { textOn } from '../../style.ts';
import { areaLens } from '../area-picker.ts';
import { besideGraph, type Lens, type LensContext, nextFrame } from '../lens.ts';

export type SubdistrictRank = RankFragment;
export type KindCoverage = SubdistrictRank['byKind'][number];

export async function subdistrictRanking(area: string, asOf: string | null, includeSynthetic: boolean, signal?: AbortSignal) {
  const data = await gql(RankingDocument, { area, asOf, syn: includeSynthetic }, signal);
  return data.subdistrictRanking;
}

/**
 * ColorBrewer's YlOrRd in five classes, darkest for the lowest rate (where a planner looks first):
 * sequential in lightness, so it reads the same for the colour-blind and in greyscale print.
 */
const RATE_CLASSES = ['#bd0026', '#f03b20', '#fd8d3c', '#fecc5c', '#ffffb2'];
const NO_TARGETS = '#e0e0e0';

export function rateTint(rate: number | null): string {
  if (rate == null) return NO_TARGETS;
  return RATE_CLASSES[Math.min(RATE_CLASSES.length - 1, Math.floor(rate * RATE_CLASSES.length))]!;
}

type Column = 'subdistrict' | 'district' | 'targets' | 'paired' | 'unpaired' | 'rate';
const COLUMNS: [Column, MessageKey][] = [
  ['subdistrict', 'ranking.subdistrict'],
  ['district', 'ranking.district'],
  ['targets', 'ranking.targets'],
  ['paired', 'coverage.paired'],
  ['unpaired', 'ranking.unpaired'],
  ['rate', 'coverage.rate'],
];

const BOX = { width: 150, height: 64, gap: 16, perRow: 3 };

/** One box per 街道 inside a box per district, placed on a fixed grid: the same view looks the same tomorrow. */
export function rankingElements(rows: SubdistrictRank[], kind: PairingKind): ElementDefinition[] {
  const byDistrict = new Map<string, SubdistrictRank[]>();
  for (const row of rows) {
    const key = row.district?.id ?? '';
    byDistrict.set(key, [...(byDistrict.get(key) ?? []), row]);
  }
  const elements: ElementDefinition[] = [];
  let left = 0;
  for (const [districtId, list] of [...byDistrict.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const district = list[0]?.district;
    if (district) {
      elements.push({
        group: 'nodes',
        data: { id: district.id, label: district.name, kind: district.kind, category: 'Place', synthetic: district.synthetic ?? false },
        classes: 'rank-district',
      });
    }
    const sorted = [...list].sort((a, b) => a.subdistrict.name.localeCompare(b.subdistrict.name, 'zh-CN'));
    sorted.forEach((row, i) => {
      const c = row.byKind.find((k) => k.kind === kind);
      const tint = rateTint(c?.rate ?? null);
      elements.push({
        group: 'nodes',
        data: {
          id: row.subdistrict.id,
          label: `${row.subdistrict.name}\n${formatRate(c?.rate)}`,
          kind: row.subdistrict.kind,
          category: 'Place',
          synthetic: row.subdistrict.synthetic ?? false,
          rate: c?.rate ?? null,
          ...(districtId ? { parent: districtId } : {}),
        },
        classes: 'rank-box',
        position: {
          x: left + (i % BOX.perRow) * (BOX.width + BOX.gap),
          y: Math.floor(i / BOX.perRow) * (BOX.height + BOX.gap),
        },
        style: {
          shape: 'round-rectangle',
          width: BOX.width,
          height: BOX.height,
          'background-color': tint,
          color: textOn(tint),
          label: 'data(label)',
          'text-valign': 'center',
          'text-halign': 'center',
          'text-wrap': 'wrap',
          'text-max-width': `${BOX.width - 8}px`,
          'text-outline-width': 0,
          'text-background-opacity': 0,
          'font-weight': 600,
          'font-size': 13,
        },
      });
    });
    left += BOX.perRow * (BOX.width + BOX.gap) + 80;
  }
  return elements;
}

function cellValue(row: SubdistrictRank, kind: PairingKind, column: Column): string | number {
  const c = row.byKind.find((k) => k.kind === kind);
  switch (column) {
    case 'subdistrict':
      return row.subdistrict.name;
    case 'district':
      return row.district?.name ?? '';
    case 'rate':
      // Subdistricts without targets sort after every rate.
      return c?.rate ?? Number.POSITIVE_INFINITY;
    default:
      return c?.[column] ?? 0;
  }
}

export function sortRanking(rows: SubdistrictRank[], kind: PairingKind, column: Column, ascending: boolean): SubdistrictRank[] {
  const sign = ascending ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = cellValue(a, kind, column);
    const y = cellValue(b, kind, column);
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-CN');
    return sign * order || a.subdistrict.name.localeCompare(b.subdistrict.name, 'zh-CN');
  });
}

export function createRankingLens(): Lens {
  let rows: SubdistrictRank[] | null = null;
  let areaId: string | null = null;
  let kind: PairingKind = 'EnterpriseVillage';
  let sortBy: Column = 'rate';
  let ascending = true;
  const board = besideGraph('after');

  const table = (ctx: LensContext, list: SubdistrictRank[]) =>
    h(
      'table',
      { class: 'coverage ranking', 'data-testid': 'ranking-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...COLUMNS.map(([column, key]) => {
            const sorted = column === sortBy;
            return h(
              'th',
              { 'aria-sort': sorted ? (ascending ? 'ascending' : 'descending') : 'none', scope: 'col' },
              h(
                'button',
                {
                  type: 'button',
                  class: 'link',
                  'data-sort': column,
                  onclick: () => {
                    ascending = sorted ? !ascending : true;
                    sortBy = column;
                    render(ctx);
                  },
                },
                t(key),
                sorted ? (ascending ? ' ▲' : ' ▼') : '',
              ),
            );
          }),
        ),
      ),
      h(
        'tbody',
        {},
        ...sortRanking(list, kind, sortBy, ascending).map((row) => {
          const c = row.byKind.find((k) => k.kind === kind);
          const tint = rateTint(c?.rate ?? null);
          return h(
            'tr',
            { 'data-id': row.subdistrict.id },
            h(
              'td',
              {},
              h(
                'button',
                {
                  type: 'button',
                  class: 'link',
                  title: t('ranking.open'),
                  onclick: () => ctx.navigate({ lens: 'coverage', area: row.subdistrict.id }),
                },
                row.subdistrict.name,
              ),
            ),
            h('td', {}, row.district?.name ?? '—'),
            h('td', { class: 'num' }, formatNumber(c?.targets ?? 0)),
            h('td', { class: 'num' }, formatNumber(c?.paired ?? 0)),
            h('td', { class: 'num' }, formatNumber(c?.unpaired ?? 0)),
            h(
              'td',
              { class: 'num', 'data-testid': 'ranking-rate' },
              h('span', { class: 'rate-swatch', style: `background:${tint};color:${textOn(tint)}` }, formatRate(c?.rate)),
            ),
          );
        }),
      ),
    );

  const kindPicker = (ctx: LensContext) => {
    const select = h('select', { id: 'ranking-kind', 'data-testid': 'ranking-kind' });
    select.replaceChildren(...PAIRING_KINDS.map((k) => h('option', { value: k }, t(`pairingKind.${k}` as MessageKey))));
    select.value = kind;
    select.addEventListener('change', () => {
      kind = select.value as PairingKind;
      render(ctx);
      if (rows) void ctx.view.replace(rankingElements(rows, kind), () => ({ name: 'preset', fit: true, padding: 30 }));
    });
    return h('label', { class: 'inline-field', for: 'ranking-kind' }, `${t('ranking.kind')} `, select);
  };

  const legend = () =>
    h(
      'div',
      { class: 'rate-legend', 'data-testid': 'ranking-legend' },
      ...RATE_CLASSES.map((colour, i) =>
        h('span', { class: 'rate-swatch', style: `background:${colour};color:${textOn(colour)}` }, `${i * 20}–${(i + 1) * 20}%`),
      ),
      h('span', { class: 'rate-swatch', style: `background:${NO_TARGETS};color:${textOn(NO_TARGETS)}` }, t('coverage.noVillages')),
    );

  const render = (ctx: LensContext) => {
    if (!rows) {
      ctx.summary.replaceChildren();
      board.remove();
      return;
    }
    const list = rows;
    const withTargets = list.filter((r) => (r.byKind.find((k) => k.kind === kind)?.targets ?? 0) > 0);
    replaceChildren(
      ctx.summary,
      h('div', { class: 'section-title' }, t('ranking.title')),
      h('div', { class: 'summary-figure', 'data-testid': 'ranking-count' }, formatNumber(list.length)),
      h(
        'p',
        { class: 'summary-line' },
        t('ranking.summary', { n: formatNumber(list.length), districts: formatNumber(new Set(list.map((r) => r.district?.id)).size) }),
      ),
      withTargets.length > 0
        ? h(
            'p',
            { class: 'summary-line', 'data-testid': 'ranking-lowest' },
            t('ranking.lowest', { name: sortRanking(withTargets, kind, 'rate', true)[0]!.subdistrict.name }),
          )
        : null,
    );
    board.show(
      h(
        'section',
        { class: 'audit-board ranking-board', 'data-testid': 'ranking-board' },
        h(
          'div',
          { class: 'board-head' },
          h('strong', {}, t('ranking.title')),
          kindPicker(ctx),
          legend(),
          listDownloads(
            ctx.me(),
            'ranking',
            { area: areaId, asOf: ctx.state.asOf, kind, includeSynthetic: ctx.state.syn ? 'true' : null },
            'download-ranking',
          ),
        ),
        table(ctx, list),
      ),
    );
  };

  return areaLens({
    id: 'ranking',
    fallback: 'city',
    reset() {
      rows = null;
      areaId = null;
      board.remove();
    },
    async loadArea(ctx, chosen) {
      areaId = chosen;
      ctx.status.loading(t('status.loading'));
      rows = await subdistrictRanking(chosen, ctx.state.asOf, ctx.state.syn, ctx.signal);
      render(ctx);
      await nextFrame();
      await ctx.view.replace(rankingElements(rows, kind), () => ({ name: 'preset', fit: true, padding: 30 }));
      if (rows.length === 0) ctx.status.empty(t('ranking.none'));
      else ctx.status.clear();
    },
    renderSummary: render,
    async onDoubleTap(node, ctx) {
      if (node.hasClass('rank-box')) ctx.navigate({ lens: 'coverage', area: node.id() });
    },
    tooltip(node) {
      return node.hasClass('rank-box') ? t('ranking.open') : null;
    },
    leave: board.leave,
  });
}
