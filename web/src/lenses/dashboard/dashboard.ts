/**
 * The landing page (驾驶舱): the figures a planner briefs from, for the city (or the chosen area), in
 * one request — coverage per pairing kind, findings by severity, the enterprise–village trend over
 * the last years and the 街道 with the lowest rate — each card a button that opens the lens behind
 * the number (coverage, audit, ranking), so every figure can be checked where it comes from.
 */
import { gql } from '../../api.ts';
import { PAIRING_KINDS, type PairingKind, SEVERITIES, type Severity } from '../../audit-queries.ts';
import { h, replaceChildren } from '../../dom.ts';
import { DashboardDocument, type RateFragment } from '../../generated/graphql.ts';
import { formatNumber, formatRate, type MessageKey, t } from '../../i18n.ts';
import type { ViewState } from '../../url-state.ts';
import { areaLens } from '../area-picker.ts';
import { besideGraph, type Lens, type LensContext } from '../lens.ts';
import { rateTint, type SubdistrictRank, sortRanking } from '../ranking/ranking.ts';

/**
 * Years of trend before the chosen date (one point a year, same day): with the day itself, the four
 * days the Dashboard document (documents/lenses.graphql) asks the timeline's coverage for ($trend).
 */
const TREND_YEARS = 3;

type Figures = RateFragment;

export interface DashboardData {
  area: { id: string; name: string };
  coverage: Record<PairingKind, Figures>;
  severities: Record<Severity, number>;
  findings: number;
  trend: { date: string; figures: Figures }[];
  ranking: SubdistrictRank[];
}

/** The trend's dates: the chosen day, and the same day one, two, three years before. */
export function trendDates(asOf: string): string[] {
  const [year, month, day] = asOf.split('-');
  const dates: string[] = [];
  for (let back = TREND_YEARS; back >= 0; back--) {
    const y = Number(year) - back;
    // 29 February falls back to the 28th in a year without it.
    const d = month === '02' && day === '29' && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? '28' : day;
    dates.push(`${y}-${month}-${d}`);
  }
  return dates;
}

export async function dashboardData(areaId: string, asOf: string, includeSynthetic: boolean, signal?: AbortSignal): Promise<DashboardData> {
  const dates = trendDates(asOf);
  const data = await gql(DashboardDocument, { area: areaId, asOf, syn: includeSynthetic, trend: dates }, signal);
  const severities = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as DashboardData['severities'];
  for (const { rule, count } of data.findings.byRule) severities[rule.severity] += count;
  return {
    area: data.EnterpriseVillage.area,
    coverage: Object.fromEntries(PAIRING_KINDS.map((k) => [k, data[k]])) as DashboardData['coverage'],
    severities,
    findings: data.findings.totalCount,
    // Timeline.coverage answers the days in the order given, one each.
    trend: dates.map((date, i) => ({ date, figures: data.timeline.coverage[i]! })),
    ranking: data.subdistrictRanking,
  };
}

/** A card: a figure with its caption, a button that opens the lens behind it. */
function card(testId: string, title: string, figure: string, lines: (Node | string | null)[], open: () => void, tint?: string) {
  return h(
    'button',
    {
      type: 'button',
      class: 'kpi-card',
      'data-testid': testId,
      onclick: open,
      title: t('dashboard.open'),
      style: tint ? `border-top-color:${tint}` : null,
    },
    h('span', { class: 'kpi-title' }, title),
    h('span', { class: 'kpi-figure' }, figure),
    ...lines.filter((l) => l != null).map((line) => h('span', { class: 'kpi-line' }, line)),
  );
}

/** The trend as bars drawn in HTML (no chart library for four numbers), each bar labelled with its rate. */
function trendBars(trend: DashboardData['trend']): HTMLElement {
  return h(
    'span',
    { class: 'kpi-trend', 'aria-hidden': 'true' },
    ...trend.map(({ date, figures }) =>
      h(
        'span',
        { class: 'kpi-bar' },
        h('span', { class: 'kpi-bar-fill', style: `height:${Math.round((figures.rate ?? 0) * 100)}%` }),
        h('small', {}, date.slice(0, 4), h('br'), formatRate(figures.rate)),
      ),
    ),
  );
}

export function renderDashboard(element: HTMLElement, data: DashboardData, go: (patch: Partial<ViewState>) => void): void {
  const areaId = data.area.id;
  const coverageCards = PAIRING_KINDS.map((kind) => {
    const c = data.coverage[kind];
    return card(
      `kpi-coverage-${kind}`,
      `${t('dashboard.coverage')} · ${t(`pairingKind.${kind}` as MessageKey)}`,
      formatRate(c.rate),
      [t('dashboard.paired', { paired: formatNumber(c.paired), targets: formatNumber(c.villages) })],
      // Enterprise–village coverage has its own lens; the other kinds are in the audit roll-up.
      () => go(kind === 'EnterpriseVillage' ? { lens: 'coverage', area: areaId } : { lens: 'audit', area: areaId }),
      rateTint(c.rate),
    );
  });
  const findingsCard = card(
    'kpi-findings',
    t('dashboard.findings'),
    formatNumber(data.findings),
    SEVERITIES.filter((s) => data.severities[s] > 0).map((s) => `${t(`severity.${s}` as MessageKey)} ${formatNumber(data.severities[s])}`),
    () => go({ lens: 'audit', area: areaId }),
  );
  const first = data.trend[0]!;
  const last = data.trend[data.trend.length - 1]!;
  const change = last.figures.rate != null && first.figures.rate != null ? last.figures.rate - first.figures.rate : null;
  const trendCard = card(
    'kpi-trend',
    t('dashboard.trend'),
    change == null ? '—' : `${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)}`,
    [t('dashboard.trendSince', { from: first.date, to: last.date }), trendBars(data.trend)],
    () => go({ lens: 'audit', area: areaId, since: first.date, until: last.date }),
  );
  const ranked = sortRanking(
    data.ranking.filter((r) => (r.byKind.find((k) => k.kind === 'EnterpriseVillage')?.targets ?? 0) > 0),
    'EnterpriseVillage',
    'rate',
    true,
  );
  const lowest = ranked[0];
  const lowestRate = lowest?.byKind.find((k) => k.kind === 'EnterpriseVillage')?.rate ?? null;
  const rankingCard = card(
    'kpi-ranking',
    t('dashboard.lowest'),
    lowest ? lowest.subdistrict.name : '—',
    [
      lowest ? `${lowest.district?.name ?? ''} · ${formatRate(lowestRate)}` : null,
      t('dashboard.subdistricts', { n: formatNumber(data.ranking.length) }),
    ],
    () => go({ lens: 'ranking', area: areaId }),
    lowest ? rateTint(lowestRate) : undefined,
  );
  replaceChildren(
    element,
    h('h2', { class: 'dashboard-title' }, t('dashboard.title', { area: data.area.name })),
    h('div', { class: 'kpi-grid' }, ...coverageCards, findingsCard, trendCard, rankingCard),
  );
}

export function createDashboardLens(): Lens {
  let data: DashboardData | null = null;
  // The cards stand in place of the graph (above it, which they hide).
  const board = besideGraph('before');
  const show = (ctx: LensContext) => {
    if (!data) return board.remove();
    let cards = board.element;
    if (!cards) {
      cards = h('section', { class: 'dashboard', 'data-testid': 'dashboard' });
      board.show(cards);
    }
    renderDashboard(cards, data, (patch) => ctx.navigate(patch));
    replaceChildren(ctx.summary, h('p', { class: 'hint' }, t('dashboard.hint')));
  };
  return areaLens({
    id: 'dashboard',
    hint: () => t('dashboard.hint'),
    fallback: 'city',
    reset() {
      data = null;
      board.remove();
    },
    async loadArea(ctx, chosen) {
      ctx.status.loading(t('status.loading'));
      ctx.view.clear();
      data = await dashboardData(chosen, ctx.state.asOf ?? new Date().toISOString().slice(0, 10), ctx.state.syn, ctx.signal);
      show(ctx);
      ctx.status.clear();
    },
    renderSummary: show,
    leave: board.leave,
  });
}
