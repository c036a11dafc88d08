/**
 * The audit lens's board under the graph: the coverage roll-up and (for roles that may read it) the
 * area history as tabs, and the report downloads on top (for roles that may export).
 */
import { describeError, download } from '../../api.ts';
import { mayExport, mayReadHistory } from '../../auth.ts';
import { h } from '../../dom.ts';
import { type MessageKey, t } from '../../i18n.ts';
import type { LensContext } from '../lens.ts';
import { renderHistory } from './audit-history.ts';
import { type AuditReport, exportUrl, today } from './audit-model.ts';

function downloads(ctx: LensContext, areaId: string) {
  const asOf = ctx.state.asOf ?? today();
  const message = h('span', { class: 'hint', role: 'alert' });
  // The history's dates are the history tab's fields at the time of the click.
  const dateField = (id: string) => (document.getElementById(id) as HTMLInputElement | null)?.value;
  const button = (report: AuditReport, format: 'csv' | 'xlsx') =>
    h(
      'button',
      {
        type: 'button',
        class: 'small',
        'data-testid': `download-${report}-${format}`,
        onclick: () => {
          const url = exportUrl(report, format, areaId, { asOf, from: dateField('history-from'), to: dateField('history-to') });
          message.textContent = '';
          download(url, `${report}.${format}`).catch((error: unknown) => {
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
}

/** Draws the board after the graph; returns it and its roll-up page (which fills in when the roll-up arrives). */
export function renderAuditBoard(ctx: LensContext, areaId: string): { board: HTMLElement; rollup: HTMLElement } {
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
  const board = h(
    'section',
    { class: 'audit-board', 'data-testid': 'audit-board' },
    h('div', { class: 'board-head' }, tabs, mayExport(me) ? downloads(ctx, areaId) : null),
    rollup,
    mayReadHistory(me) ? history : null,
  );
  document.getElementById('cy')!.after(board);
  if (mayReadHistory(me)) renderHistory(history, areaId, ctx, true);
  return { board, rollup };
}
