/**
 * Two dates side by side (两个日期对比), under the time bar: pick "from" and "to" and the graph marks
 * what changed between them — pairings added, ended and re-matched, organizations moved — in four
 * colours with a legend; a marked node's changes (with reason and source) are added to the details
 * panel; the whole list is a table to read and to download as CSV. The list is Query.areaHistory's for
 * the same area and dates (audit-queries.ts areaHistory, the audit lens's document), nothing computed
 * here: the viewer only lays it out. The dates live in the URL (cmpFrom, cmpTo).
 */
import type { Core } from 'cytoscape';
import { csvText } from '../../schema/csv-text.ts';
import { describeError, isAbort } from './api.ts';
import { type AreaHistory, areaHistory } from './audit-queries.ts';
import { h, replaceChildren } from './dom.ts';
import { formatNumber, type MessageKey, t } from './i18n.ts';
import type { ViewState } from './url-state.ts';

export const CHANGE_KINDS = ['started', 'ended', 'rematched', 'moved'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** Okabe–Ito colours, told apart by colour-blind readers too; drawn as an underlay (live updates use the overlay). */
export const CHANGE_COLOURS: Record<ChangeKind, string> = {
  started: '#009E73',
  ended: '#D55E00',
  rematched: '#0072B2',
  moved: '#CC79A7',
};

/** One line of the list: a pairing event or a move, as areaHistory gives it. */
export interface ChangeRow {
  change: ChangeKind;
  date: string;
  /** The pairing's id, or the moved organization's. */
  id: string;
  /** Partner (pairings) or organization (moves). */
  subject: { id: string; name: string };
  /** Target village or community (pairings) or new parents (moves). */
  object: { id: string; name: string }[];
  /** The partner a re-match replaced, or the parents before a move. */
  before: { id: string; name: string }[];
  reason: string | null;
  document: string | null;
  quote: string | null;
}

/** areaHistory's lists as rows, in its order: started, ended, re-matched, moves. */
export function changeRows(history: AreaHistory): ChangeRow[] {
  const pairingRow = (change: ChangeKind, e: AreaHistory['started'][number]): ChangeRow => ({
    change,
    date: e.date,
    id: e.pairing.id,
    subject: e.pairing.partner,
    object: [e.pairing.target],
    before: e.replaced ? [e.replaced.partner] : [],
    reason: e.reason,
    document: e.source?.document ?? null,
    quote: e.source?.quote ?? null,
  });
  return [
    ...history.started.map((e) => pairingRow('started', e)),
    ...history.ended.map((e) => pairingRow('ended', e)),
    ...history.rematched.map((e) => pairingRow('rematched', e)),
    ...history.moves.map(
      (m): ChangeRow => ({
        change: 'moved',
        date: m.change.at.slice(0, 10),
        id: m.organization.id,
        subject: m.organization,
        object: m.to,
        before: m.from,
        reason: m.change.reason,
        document: m.change.source,
        quote: null,
      }),
    ),
  ];
}

const names = (list: { name: string }[]) => list.map((x) => x.name).join('、');

/** The rows as CSV (UTF-8 with a byte-order mark so spreadsheet programs read the Chinese). */
export function rowsToCsv(rows: ChangeRow[]): string {
  const header = ['change', 'date', 'id', 'subject', 'object', 'before', 'reason', 'document', 'quote'].map((k) =>
    t(`compare.col.${k}` as MessageKey),
  );
  const lines = rows.map((r) => [
    t(`compare.${r.change}` as MessageKey),
    r.date,
    r.id,
    r.subject.name,
    names(r.object),
    names(r.before),
    r.reason,
    r.document,
    r.quote,
  ]);
  // Reasons, documents and quotes are editors' text: formulas neutralised as in the server's exports.
  return `\uFEFF${csvText([header, ...lines], '\r\n')}`;
}

/** Which node (and edge) ids each change marks, and with which kind (the first kind wins). */
function marksOf(rows: ChangeRow[]): Map<string, ChangeKind> {
  const marks = new Map<string, ChangeKind>();
  const mark = (id: string, kind: ChangeKind) => {
    if (!marks.has(id)) marks.set(id, kind);
  };
  for (const row of rows) {
    mark(row.id, row.change);
    mark(row.subject.id, row.change);
    for (const x of row.object) if (row.change !== 'moved') mark(x.id, row.change);
    for (const x of row.before) if (row.change === 'rematched') mark(x.id, row.change);
  }
  return marks;
}

export interface CompareHost {
  state(): ViewState;
  cy: Core;
  /** Records the dates in the URL without reloading the lens. */
  remember(patch: Partial<ViewState>): void;
  selectNode(id: string): void;
  mayReadHistory(): boolean;
  signal(): AbortSignal;
}

export interface Compare {
  /** After the lens has (re)loaded or been redrawn: fetch when the dates or area changed, mark again. */
  update(): void;
  refreshText(): void;
  hide(): void;
}

const MARK_STYLE = ['underlay-color', 'underlay-opacity', 'underlay-padding'];

export function createCompare(after: HTMLElement, details: HTMLElement, host: CompareHost): Compare {
  const element = h('section', { class: 'compare-dates', 'data-testid': 'compare', hidden: true });
  after.after(element);
  let open = false;
  let key: string | null = null;
  let history: AreaHistory | null = null;
  let rows: ChangeRow[] = [];
  let error: string | null = null;
  let generation = 0;

  const areaOf = (state: ViewState) => (state.lens === 'network' ? (state.area ?? state.focus) : state.area);

  const unmark = () => {
    host.cy.elements('.cmp-marked').removeClass('cmp-marked').removeStyle(MARK_STYLE.join(' ')).removeData('compare');
  };

  const mark = () => {
    unmark();
    if (!history) return;
    host.cy.batch(() => {
      for (const [id, kind] of marksOf(rows)) {
        const ele = host.cy.getElementById(id);
        if (ele.empty()) continue;
        ele.addClass('cmp-marked');
        ele.data('compare', kind);
        ele.style({ 'underlay-color': CHANGE_COLOURS[kind], 'underlay-opacity': 0.55, 'underlay-padding': ele.isNode() ? 9 : 5 });
      }
    });
  };

  const download = () => {
    const state = host.state();
    const blob = new Blob([rowsToCsv(rows)], { type: 'text/csv;charset=utf-8' });
    const link = h('a', {
      href: URL.createObjectURL(blob),
      download: `${t('compare.file')}_${history?.area.name ?? ''}_${state.cmpFrom}_${state.cmpTo}.csv`,
    });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  };

  const table = () =>
    h(
      'table',
      { class: 'compare-table', 'data-testid': 'compare-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['change', 'date', 'subject', 'object', 'before', 'reason', 'document'].map((k) =>
            h('th', {}, t(`compare.col.${k}` as MessageKey)),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        ...rows.map((r) =>
          h(
            'tr',
            { 'data-change': r.change, 'data-id': r.id, 'data-date': r.date },
            h(
              'td',
              {},
              h('span', { class: 'compare-swatch', style: `background:${CHANGE_COLOURS[r.change]}` }),
              t(`compare.${r.change}` as MessageKey),
            ),
            h('td', {}, r.date),
            h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => host.selectNode(r.subject.id) }, r.subject.name)),
            h('td', {}, names(r.object)),
            h('td', {}, names(r.before)),
            h('td', {}, r.reason ?? ''),
            h('td', {}, r.quote ? h('span', { title: r.quote }, r.document ?? '') : (r.document ?? '')),
          ),
        ),
      ),
    );

  const render = () => {
    const state = host.state();
    const from = h('input', { type: 'date', 'data-testid': 'compare-from', value: state.cmpFrom ?? '', 'aria-label': t('compare.from') });
    const to = h('input', { type: 'date', 'data-testid': 'compare-to', value: state.cmpTo ?? '', 'aria-label': t('compare.to') });
    const apply = h('button', { type: 'button', class: 'small', 'data-testid': 'compare-apply' }, t('compare.apply'));
    apply.addEventListener('click', () => {
      if (!from.value || !to.value) return;
      const [a, b] = from.value <= to.value ? [from.value, to.value] : [to.value, from.value];
      host.remember({ cmpFrom: a, cmpTo: b });
      update();
    });
    const clear = h('button', { type: 'button', class: 'small', 'data-testid': 'compare-clear' }, t('compare.clear'));
    clear.addEventListener('click', () => {
      host.remember({ cmpFrom: null, cmpTo: null });
      update();
    });
    const toggle = h(
      'button',
      { type: 'button', class: 'small', 'data-testid': 'compare-toggle', 'aria-expanded': String(open) },
      t('compare.toggle'),
    );
    toggle.addEventListener('click', () => {
      open = !open;
      render();
    });
    const counts = CHANGE_KINDS.map((kind) => rows.filter((r) => r.change === kind).length);
    replaceChildren(
      element,
      h(
        'div',
        { class: 'compare-head' },
        toggle,
        open ? h('label', {}, t('compare.from'), ' ', from) : null,
        open ? h('label', {}, t('compare.to'), ' ', to) : null,
        open ? apply : null,
        open && history ? clear : null,
      ),
      open && error ? h('p', { class: 'hint', role: 'alert' }, error) : null,
      open && history
        ? h(
            'div',
            { class: 'compare-legend', 'data-testid': 'compare-legend' },
            ...CHANGE_KINDS.map((kind, i) =>
              h(
                'span',
                { class: 'compare-key', 'data-change': kind },
                h('span', { class: 'compare-swatch', style: `background:${CHANGE_COLOURS[kind]}` }),
                `${t(`compare.${kind}` as MessageKey)} ${formatNumber(counts[i]!)}`,
              ),
            ),
            h('button', { type: 'button', class: 'small', 'data-testid': 'compare-csv', onclick: download }, t('compare.csv')),
          )
        : null,
      open && history
        ? rows.length === 0
          ? h('p', { class: 'hint', 'data-testid': 'compare-none' }, t('compare.none'))
          : h(
              'details',
              { class: 'compare-list', open: true },
              h('summary', {}, t('compare.list', { n: formatNumber(rows.length) })),
              table(),
            )
        : null,
    );
  };

  /** A marked node's changes, added to the details panel each time it is drawn. */
  const detailBox = () => {
    const selected = host.cy.nodes(':selected')[0];
    if (!history || !selected || details.querySelector('[data-testid="compare-detail"]')) return;
    const id = selected.id();
    const mine = rows.filter((r) => r.subject.id === id || r.object.some((x) => x.id === id) || r.before.some((x) => x.id === id));
    if (mine.length === 0) return;
    details.append(
      h(
        'section',
        { class: 'compare-detail', 'data-testid': 'compare-detail', 'data-id': id },
        h('h3', { class: 'section-title' }, t('compare.detail', { from: history.from, to: history.to })),
        h(
          'ul',
          { class: 'plain' },
          ...mine.map((r) =>
            h(
              'li',
              { 'data-change': r.change },
              h('span', { class: 'compare-swatch', style: `background:${CHANGE_COLOURS[r.change]}` }),
              `${r.date} ${t(`compare.${r.change}` as MessageKey)}：${r.subject.name} → ${names(r.object)}`,
              r.before.length > 0 ? h('div', { class: 'muted' }, `${t('compare.col.before')}：${names(r.before)}`) : null,
              r.reason ? h('div', {}, `${t('compare.col.reason')}：${r.reason}`) : null,
              r.document
                ? h('blockquote', { class: 'quote' }, r.quote ?? '', h('cite', {}, ` —— ${r.document}`))
                : h('div', { class: 'muted' }, t('compare.noSource')),
            ),
          ),
        ),
      ),
    );
  };
  new MutationObserver(() => detailBox()).observe(details, { childList: true });
  host.cy.on('select', 'node', () => queueMicrotask(detailBox));

  const update = () => {
    const state = host.state();
    const area = areaOf(state);
    if (!area || !['coverage', 'network', 'audit'].includes(state.lens)) {
      hide();
      return;
    }
    element.hidden = false;
    if (state.cmpFrom && state.cmpTo) open = true;
    const wanted = state.cmpFrom && state.cmpTo ? `${area}|${state.cmpFrom}|${state.cmpTo}` : null;
    if (wanted === key) {
      mark();
      render();
      return;
    }
    key = wanted;
    history = null;
    rows = [];
    error = null;
    unmark();
    render();
    if (!wanted || !state.cmpFrom || !state.cmpTo) return;
    const mine = ++generation;
    areaHistory(area, state.cmpFrom, state.cmpTo, host.mayReadHistory(), host.signal())
      .then((found) => {
        if (mine !== generation) return;
        history = found;
        rows = changeRows(found);
        mark();
        render();
      })
      .catch((e: unknown) => {
        if (mine !== generation) return;
        // Asked again on the next update (an aborted answer was for a view that has since changed).
        key = null;
        if (isAbort(e)) return;
        error = describeError(e);
        render();
      });
  };

  const hide = () => {
    generation += 1;
    key = null;
    history = null;
    rows = [];
    unmark();
    element.hidden = true;
    element.replaceChildren();
  };

  return { update, refreshText: render, hide };
}
