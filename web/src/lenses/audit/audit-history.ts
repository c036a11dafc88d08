/**
 * The area history (区域变化): two dates, then the difference between them as the API computes it —
 * coverage per pairing kind on each date, the pairings started, ended and re-matched (with reason and
 * the report sentence), the organizations moved (with who and when, when the role may see it).
 */
import { describeError, isAbort } from '../../api.ts';
import { type AreaHistory, areaHistory, type ChangeEntry, type PairingEvent } from '../../audit-queries.ts';
import { h, replaceChildren } from '../../dom.ts';
import { formatNumber, formatRate, type MessageKey, t } from '../../i18n.ts';
import type { LensContext } from '../lens.ts';

const today = () => new Date().toISOString().slice(0, 10);
const yearBefore = (date: string) => `${Number(date.slice(0, 4)) - 1}${date.slice(4)}`;

function signed(value: number, format: (v: number) => string): string {
  return value > 0 ? `+${format(value)}` : value < 0 ? `−${format(-value)}` : '±0';
}

function recorded(change: ChangeEntry | null): HTMLElement | null {
  if (!change) return null;
  const at = change.at.slice(0, 16).replace('T', ' ');
  return h('small', { class: 'muted' }, change.actor ? t('audit.recordedBy', { actor: change.actor, at }) : t('audit.recordedAt', { at }));
}

function eventItem(event: PairingEvent, ctx: LensContext): HTMLElement {
  const p = event.pairing;
  return h(
    'li',
    { 'data-pairing': p.id },
    h('span', { class: 'event-date' }, event.date),
    ' ',
    h('button', { type: 'button', class: 'link', onclick: () => ctx.selectNode(p.partner.id) }, p.partner.name),
    ' → ',
    h('button', { type: 'button', class: 'link', onclick: () => ctx.selectNode(p.target.id) }, p.target.name),
    h('small', { class: 'muted' }, ` ${t(`pairingKind.${p.kind}` as MessageKey)}`),
    event.replaced ? h('div', { class: 'muted' }, t('audit.replaced', { name: event.replaced.partner.name })) : null,
    event.reason ? h('div', {}, t('audit.reason', { reason: event.reason })) : null,
    event.source ? h('blockquote', { class: 'quote' }, event.source.quote, h('cite', {}, ` —— ${event.source.document}`)) : null,
    recorded(event.change),
  );
}

function section(key: MessageKey, testId: string, items: HTMLElement[]): HTMLElement[] {
  return [
    h('h4', { class: 'section-title' }, t(key, { n: formatNumber(items.length) })),
    items.length === 0 ? h('p', { class: 'hint' }, t('audit.none')) : h('ul', { class: 'plain events', 'data-testid': testId }, ...items),
  ];
}

export function renderHistoryResult(into: HTMLElement, history: AreaHistory, ctx: LensContext): void {
  replaceChildren(
    into,
    h('div', { class: 'section-title' }, t('audit.coverageChange', { from: history.from, to: history.to })),
    h(
      'table',
      { class: 'coverage', 'data-testid': 'history-coverage' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, t('audit.kind')),
          h('th', { class: 'num' }, `${t('audit.before')} ${history.from}`),
          h('th', { class: 'num' }, `${t('audit.after')} ${history.to}`),
          h('th', { class: 'num' }, t('audit.change')),
        ),
      ),
      h(
        'tbody',
        {},
        ...history.coverage.map((c) =>
          h(
            'tr',
            { 'data-kind': c.kind },
            h('td', {}, t(`pairingKind.${c.kind}` as MessageKey)),
            h('td', { class: 'num' }, `${formatRate(c.before.rate)} (${c.before.paired}/${c.before.villages})`),
            h('td', { class: 'num' }, `${formatRate(c.after.rate)} (${c.after.paired}/${c.after.villages})`),
            h(
              'td',
              { class: `num ${c.pairedChange > 0 ? 'up' : c.pairedChange < 0 ? 'down' : ''}`, 'data-testid': 'paired-change' },
              signed(c.pairedChange, formatNumber),
            ),
          ),
        ),
      ),
    ),
    ...section(
      'audit.started',
      'history-started',
      history.started.map((e) => eventItem(e, ctx)),
    ),
    ...section(
      'audit.ended',
      'history-ended',
      history.ended.map((e) => eventItem(e, ctx)),
    ),
    ...section(
      'audit.rematched',
      'history-rematched',
      history.rematched.map((e) => eventItem(e, ctx)),
    ),
    ...section(
      'audit.moves',
      'history-moves',
      history.moves.map((m) =>
        h(
          'li',
          { 'data-id': m.organization.id },
          h('span', { class: 'event-date' }, m.change.at.slice(0, 10)),
          ' ',
          h('button', { type: 'button', class: 'link', onclick: () => ctx.selectNode(m.organization.id) }, m.organization.name),
          `：${m.from.map((p) => p.name).join('、') || '—'} → ${m.to.map((p) => p.name).join('、') || '—'}`,
          m.change.reason ? h('div', {}, t('audit.reason', { reason: m.change.reason })) : null,
          m.change.source ? h('div', { class: 'muted' }, m.change.source) : null,
          recorded(m.change),
        ),
      ),
    ),
  );
}

/**
 * The date form and the result under it. The chosen dates go into the URL (since/until), so a history
 * can be shared; with both in the URL it loads at once.
 */
export function renderHistory(into: HTMLElement, area: string, ctx: LensContext, withActors: boolean): void {
  const until = ctx.state.until ?? ctx.state.asOf ?? today();
  const since = ctx.state.since ?? yearBefore(until);
  const from = h('input', { type: 'date', id: 'history-from', 'data-testid': 'history-from', value: since, max: '2100-12-31' });
  const to = h('input', { type: 'date', id: 'history-to', 'data-testid': 'history-to', value: until, max: '2100-12-31' });
  const result = h('div', { class: 'history-result', 'data-testid': 'history-result' });
  const run = async () => {
    ctx.remember({ since: from.value || null, until: to.value || null });
    replaceChildren(result, h('p', { class: 'hint' }, t('status.loading')));
    try {
      renderHistoryResult(result, await areaHistory(area, from.value, to.value, withActors, ctx.signal), ctx);
    } catch (error) {
      if (!isAbort(error)) replaceChildren(result, h('p', { class: 'hint', role: 'alert' }, describeError(error)));
    }
  };
  replaceChildren(
    into,
    h(
      'div',
      { class: 'history-form' },
      h('label', { for: 'history-from' }, t('audit.from')),
      from,
      h('label', { for: 'history-to' }, t('audit.to')),
      to,
      h('button', { type: 'button', class: 'primary', 'data-testid': 'history-compare', onclick: () => void run() }, t('audit.compare')),
    ),
    result,
  );
  if (ctx.state.since && ctx.state.until) void run();
  else result.append(h('p', { class: 'hint' }, t('audit.historyPick')));
}
