/**
 * The view's state lives in the URL's query string, so a view can be bookmarked, shared and
 * reloaded: ?lens=coverage&area=历城区&asOf=2024-06-30&hide=Group,Branch&lang=en
 */
import { isLang, type Lang } from './i18n.ts';
import type { Store } from './state.ts';

export const LENSES = ['dashboard', 'hierarchy', 'network', 'coverage', 'ranking', 'overview', 'chains', 'path', 'audit'] as const;
export type LensId = (typeof LENSES)[number];

export interface ViewState {
  lens: LensId;
  /** The network lens's centre (entity id). */
  focus: string | null;
  /** The hierarchy, coverage or chains lens's area: a place or organization id or exact name. */
  area: string | null;
  /** The path lens's ends (entity ids). */
  from: string | null;
  to: string | null;
  /** The path lens's filters: only these relationship types (none: all), no step through these kinds. */
  pathTypes: string[];
  pathExclude: string[];
  /** Network reach, 1–3 steps. */
  depth: number;
  /** ISO date for pairings; null means today. */
  asOf: string | null;
  /** The audit lens's history interval (ISO dates); null until chosen. */
  since: string | null;
  until: string | null;
  /** Two dates side by side (the time bar's comparison, compare-dates.ts): ISO, null when not comparing. */
  cmpFrom: string | null;
  cmpTo: string | null;
  /** A saved view to open (its id, saved-views.ts); replaced by the view's own state once opened. */
  view: string | null;
  /** Kinds hidden by the filters. */
  hide: string[];
  /** Include synthetic (generated) data. */
  syn: boolean;
  lang: Lang;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const dateParam = (value: string | null) => (value && ISO_DATE.test(value) ? value : null);

const isLens = (value: string | null): value is LensId => value != null && (LENSES as readonly string[]).includes(value);

export function readState(search: string = location.search): ViewState {
  const q = new URLSearchParams(search);
  const asOf = q.get('asOf');
  const depth = Number(q.get('depth'));
  const lensParam = q.get('lens');
  const focus = q.get('focus') || null;
  const lang = q.get('lang');
  return {
    // With only a focus given, the network lens is what the link means; else the landing page (驾驶舱).
    lens: isLens(lensParam) ? lensParam : focus ? 'network' : 'dashboard',
    focus,
    area: q.get('area') || null,
    from: q.get('from') || null,
    to: q.get('to') || null,
    pathTypes: (q.get('rels') ?? '').split(',').filter(Boolean),
    pathExclude: (q.get('excl') ?? '').split(',').filter(Boolean),
    depth: Number.isInteger(depth) && depth >= 1 && depth <= 3 ? depth : 1,
    asOf: asOf && ISO_DATE.test(asOf) ? asOf : null,
    since: dateParam(q.get('since')),
    until: dateParam(q.get('until')),
    cmpFrom: dateParam(q.get('cmpFrom')),
    cmpTo: dateParam(q.get('cmpTo')),
    view: q.get('view') || null,
    hide: (q.get('hide') ?? '').split(',').filter(Boolean),
    syn: q.get('syn') === '1',
    lang: isLang(lang) ? lang : 'zh-CN',
  };
}

/** The query string for a state; defaults are left out so links stay short. */
export function stateToSearch(state: ViewState): string {
  const q = new URLSearchParams();
  q.set('lens', state.lens);
  if (state.focus) q.set('focus', state.focus);
  if (state.area) q.set('area', state.area);
  if (state.from) q.set('from', state.from);
  if (state.to) q.set('to', state.to);
  if (state.pathTypes.length > 0) q.set('rels', state.pathTypes.join(','));
  if (state.pathExclude.length > 0) q.set('excl', state.pathExclude.join(','));
  if (state.depth !== 1) q.set('depth', String(state.depth));
  if (state.asOf) q.set('asOf', state.asOf);
  if (state.since) q.set('since', state.since);
  if (state.until) q.set('until', state.until);
  if (state.cmpFrom) q.set('cmpFrom', state.cmpFrom);
  if (state.cmpTo) q.set('cmpTo', state.cmpTo);
  if (state.view) q.set('view', state.view);
  if (state.hide.length > 0) q.set('hide', state.hide.join(','));
  if (state.syn) q.set('syn', '1');
  if (state.lang !== 'zh-CN') q.set('lang', state.lang);
  // Keep a renderer choice made in the address bar (see graph-view.ts).
  const renderer = new URLSearchParams(location.search).get('renderer');
  if (renderer) q.set('renderer', renderer);
  return `?${q.toString()}`;
}

/** Writes the state to the address bar: a new history entry for a new view, else in place. */
export function writeState(state: ViewState, mode: 'push' | 'replace'): void {
  const url = `${location.pathname}${stateToSearch(state)}`;
  if (url === `${location.pathname}${location.search}`) return;
  if (mode === 'push') history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

/** Keeps the address bar in step with the viewer's store (state.ts): each change written in its mode. */
export function syncUrl(store: Store<ViewState>): () => void {
  return store.subscribe((state, _changed, mode) => writeState(state, mode));
}
