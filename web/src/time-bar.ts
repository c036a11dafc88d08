/**
 * The time bar (时间轴) of the coverage, network and audit lenses: a range over the days the graph knows
 * in the open area (Query.timeline), stepped month by month; a handle for "as of"; play/pause that
 * walks the months, redrawing the open graph in place (colours and counts, never a new layout); and
 * the area's coverage rate per step as a small line chart above the bar (plain SVG). The handle is a
 * range input, so ←/→, Home/End and PageUp/PageDown move it; Space plays and pauses. The day shown is
 * the URL's asOf, like the date field's.
 */
import { describeError, gql, isAbort } from './api.ts';
import { h, replaceChildren } from './dom.ts';
import { TimeBarDocument, TimeBarSeriesDocument, type TimeBarSeriesQuery } from './generated/graphql.ts';
import { formatNumber, formatRate, t } from './i18n.ts';
import type { LensId, ViewState } from './url-state.ts';

/** The lenses that show a date: the bar is drawn for these only. */
export const TIME_LENSES: readonly LensId[] = ['coverage', 'network', 'audit'];
/** Time between steps while playing (after the step has been drawn). */
export const STEP_MS = 900;
/** At most this many steps (Timeline.coverage's limit); longer ranges step by several months. */
const MAX_STEPS = 120;
/** Days asked for per request: the chart fills in a year or two at a time instead of after one long wait. */
const SERIES_CHUNK = 24;

/** An area's coverage on one step's day. */
export type StepFigures = TimeBarSeriesQuery['timeline']['coverage'][number];

export interface TimeBarHost {
  state(): ViewState;
  /** Redraws the open lens as of `asOf` in place (no layout) and records the day in the URL. */
  redraw(asOf: string): Promise<void>;
  /** Aborted when the view changes. */
  signal(): AbortSignal;
}

export interface TimeBar {
  /** Draws the bar for the view just loaded (or removes it when the lens shows no date). */
  update(): void;
  refreshText(): void;
  /** Stops playing and removes the bar. */
  hide(): void;
  /** The bar's element (the compare view puts its panel below it). */
  readonly element: HTMLElement;
}

/** The last day of the month of `y`-`m` (m from 1). */
const monthEnd = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);

/**
 * The steps from the month of `first` to the month of `last`, one per month (its last day), or one per
 * several months when that would be more than `max`; the last step is always the month of `last`.
 */
export function monthSteps(first: string, last: string, max = MAX_STEPS): string[] {
  const start = Number(first.slice(0, 4)) * 12 + Number(first.slice(5, 7)) - 1;
  const end = Number(last.slice(0, 4)) * 12 + Number(last.slice(5, 7)) - 1;
  const months = Math.max(end - start + 1, 1);
  const every = Math.ceil(months / max);
  const steps: string[] = [];
  for (let i = end; i >= start; i -= every) steps.unshift(monthEnd(Math.floor(i / 12), (i % 12) + 1));
  return steps;
}

/** The step to show for a day: the last step on or before it (the first when it is earlier than all). */
export function stepFor(steps: string[], day: string): number {
  let found = 0;
  steps.forEach((step, i) => {
    if (step <= day) found = i;
  });
  return found;
}

interface Loaded {
  key: string;
  area: { id: string; name: string };
  dates: string[];
  steps: string[];
  /** The coverage per step, filled in as the answers arrive (undefined until then). */
  series: (StepFigures | undefined)[];
}

const today = () => new Date().toISOString().slice(0, 10);

const CHART = { width: 600, height: 56, pad: 6 };

/** The line chart of the rate per step, the known days as ticks, the current step marked. */
function chart(loaded: Loaded, index: number): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const { width, height, pad: p } = CHART;
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('class', 'time-chart');
  svg.setAttribute('data-testid', 'time-chart');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', t('timebar.chart', { area: loaded.area.name }));
  const n = loaded.steps.length;
  const x = (i: number) => (n <= 1 ? width / 2 : p + (i * (width - 2 * p)) / (n - 1));
  const y = (rate: number | null) => height - p - (rate ?? 0) * (height - 2 * p);
  const el = (tag: string, attrs: Record<string, string | number>) => {
    const e = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    svg.append(e);
    return e;
  };
  // The known days, as ticks along the bottom, placed by date between the first and last step.
  const t0 = Date.parse(`${loaded.steps[0]!.slice(0, 8)}01`);
  const t1 = Date.parse(loaded.steps[n - 1]!);
  for (const day of loaded.dates) {
    const at = Date.parse(day);
    if (at < t0 || at > t1 || t1 === t0) continue;
    const tx = p + ((at - t0) / (t1 - t0)) * (width - 2 * p);
    el('line', { x1: tx, x2: tx, y1: height - 3, y2: height, class: 'time-tick' });
  }
  const known = loaded.series.flatMap((s, i) => (s ? [[i, s] as const] : []));
  el('polyline', { points: known.map(([i, s]) => `${x(i)},${y(s.rate)}`).join(' '), class: 'time-line' });
  for (const [i, s] of known) {
    const dot = el('circle', { cx: x(i), cy: y(s.rate), r: i === index ? 4 : 2, class: i === index ? 'time-dot current' : 'time-dot' });
    const title = document.createElementNS(ns, 'title');
    title.textContent = `${s.asOf} ${formatRate(s.rate)}`;
    dot.append(title);
  }
  return svg;
}

export function createTimeBar(anchor: HTMLElement, host: TimeBarHost): TimeBar {
  const element = h('section', { class: 'time-bar', 'data-testid': 'time-bar', hidden: true });
  element.setAttribute('aria-label', t('timebar.label'));
  anchor.before(element);
  let loaded: Loaded | null = null;
  let index = 0;
  let playing = false;
  let drawing: Promise<void> = Promise.resolve();
  /** The step wanted while an earlier one is still drawing: only the latest is drawn. */
  let wanted: number | null = null;
  let generation = 0;

  const keyOf = (state: ViewState) => {
    const area = state.lens === 'network' ? (state.area ?? state.focus) : state.area;
    return area ? `${area}|${state.syn ? 1 : 0}` : null;
  };

  const figures = () => loaded?.series[index] ?? null;

  // The bar's parts are made once and updated at each step, so the handle keeps the focus and a drag.
  const handle = h('input', { type: 'range', class: 'time-handle', 'data-testid': 'time-handle', min: 0, step: 1 });
  handle.addEventListener('input', () => {
    pause();
    void go(Number(handle.value));
  });
  const play = h('button', { type: 'button', class: 'small time-play', 'data-testid': 'time-play' });
  play.addEventListener('click', () => (playing ? pause() : void start()));
  const firstEnd = h('span', { class: 'time-end' });
  const lastEnd = h('span', { class: 'time-end' });
  const output = h('output', { class: 'time-figures', 'data-testid': 'time-figures', 'aria-live': 'polite' });
  const row = h('div', { class: 'time-row' }, play, firstEnd, handle, lastEnd, output);

  const render = () => {
    if (!loaded) return;
    const current = figures();
    handle.max = String(loaded.steps.length - 1);
    handle.value = String(index);
    handle.setAttribute('aria-label', t('timebar.handle'));
    handle.setAttribute('aria-valuetext', loaded.steps[index] ?? '');
    play.textContent = playing ? t('timebar.pause') : t('timebar.play');
    play.setAttribute('aria-pressed', String(playing));
    firstEnd.textContent = loaded.steps[0] ?? '';
    lastEnd.textContent = loaded.steps.at(-1) ?? '';
    output.textContent = current
      ? t('timebar.figures', {
          date: current.asOf,
          paired: formatNumber(current.paired),
          villages: formatNumber(current.villages),
          rate: formatRate(current.rate),
        })
      : '';
    element.dataset.step = String(index);
    element.dataset.asOf = loaded.steps[index] ?? '';
    element.dataset.paired = current ? String(current.paired) : '';
    element.dataset.villages = current ? String(current.villages) : '';
    element.dataset.playing = String(playing);
    const svg = chart(loaded, index);
    if (element.firstElementChild?.tagName.toLowerCase() === 'svg' && element.lastElementChild === row)
      element.firstElementChild.replaceWith(svg);
    else replaceChildren(element, svg, row);
  };

  /** Shows step `i`: the bar at once, the graph as soon as the previous step has been drawn. */
  const go = (i: number): Promise<void> => {
    if (!loaded) return Promise.resolve();
    index = Math.max(0, Math.min(i, loaded.steps.length - 1));
    render();
    wanted = index;
    const mine = generation;
    drawing = drawing.then(async () => {
      if (wanted == null || mine !== generation || !loaded) return;
      const step = wanted;
      wanted = null;
      try {
        await host.redraw(loaded.steps[step]!);
        // The day the graph now shows (the bar moves at once; the graph follows when its answer is in).
        if (mine === generation) element.dataset.drawn = loaded.steps[step]!;
      } catch (error) {
        if (!isAbort(error)) element.dataset.error = describeError(error);
      }
    });
    return drawing;
  };

  const pause = () => {
    if (!playing) return;
    playing = false;
    render();
  };

  const start = async () => {
    if (!loaded || playing) return;
    playing = true;
    const mine = generation;
    // From the start again when at the end.
    if (index >= loaded.steps.length - 1) await go(0);
    else render();
    while (playing && mine === generation && loaded && index < loaded.steps.length - 1) {
      await go(index + 1);
      await new Promise((resolve) => setTimeout(resolve, STEP_MS));
    }
    if (mine === generation) pause();
  };

  element.addEventListener('keydown', (event) => {
    if (event.key !== ' ' || (event.target as HTMLElement).tagName === 'BUTTON') return;
    event.preventDefault();
    if (playing) pause();
    else void start();
  });

  const hide = () => {
    generation += 1;
    playing = false;
    loaded = null;
    element.hidden = true;
    element.replaceChildren();
    delete element.dataset.step;
    delete element.dataset.drawn;
  };

  const load = async (key: string, state: ViewState, signal: AbortSignal): Promise<Loaded> => {
    const area = key.slice(0, key.lastIndexOf('|'));
    const { timeline } = await gql(TimeBarDocument, { area, syn: state.syn }, signal);
    const first = timeline.first ?? today();
    const last = timeline.last && timeline.last > today() ? timeline.last : today();
    const steps = monthSteps(first, last);
    return { key, area: timeline.area, dates: timeline.dates, steps, series: steps.map(() => undefined) };
  };

  /** The coverage of every step, a chunk at a time, drawn as each arrives. */
  const loadSeries = async (next: Loaded, state: ViewState, signal: AbortSignal, mine: number) => {
    const area = next.key.slice(0, next.key.lastIndexOf('|'));
    for (let from = 0; from < next.steps.length; from += SERIES_CHUNK) {
      const dates = next.steps.slice(from, from + SERIES_CHUNK);
      const answer = await gql(TimeBarSeriesDocument, { area, syn: state.syn, dates }, signal);
      if (mine !== generation) return;
      answer.timeline.coverage.forEach((figures, i) => {
        next.series[from + i] = figures;
      });
      render();
    }
    element.dataset.series = 'complete';
  };

  const update = () => {
    const state = host.state();
    const key = TIME_LENSES.includes(state.lens) ? keyOf(state) : null;
    if (!key) {
      hide();
      return;
    }
    element.hidden = false;
    if (loaded?.key === key) {
      // The same area: only the handle follows the day (a date typed in the field, the back button).
      if (!playing) {
        index = stepFor(loaded.steps, state.asOf ?? today());
        render();
      }
      return;
    }
    generation += 1;
    playing = false;
    loaded = null;
    delete element.dataset.step;
    delete element.dataset.drawn;
    delete element.dataset.series;
    const mine = generation;
    replaceChildren(element, h('p', { class: 'hint' }, t('timebar.loading')));
    const signal = host.signal();
    load(key, state, signal)
      .then((next) => {
        if (mine !== generation) return;
        loaded = next;
        index = stepFor(next.steps, host.state().asOf ?? today());
        render();
        return loadSeries(next, state, signal, mine);
      })
      .catch((error: unknown) => {
        if (mine !== generation || isAbort(error)) return;
        // A centre that is no area (an enterprise) has no timeline: the bar says so and stays out of the way.
        replaceChildren(element, h('p', { class: 'hint', role: 'status' }, t('timebar.unavailable', { detail: describeError(error) })));
      });
  };

  return {
    element,
    update,
    refreshText: () => {
      element.setAttribute('aria-label', t('timebar.label'));
      render();
    },
    hide,
  };
}
