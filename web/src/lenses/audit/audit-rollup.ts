/**
 * The coverage roll-up as one table: the area, its child areas and theirs, one row each, with the rate
 * of every pairing kind side by side so they compare on one screen. A kind's unpaired villages are
 * fetched only when asked for (they can run to thousands).
 */
import { describeError, isAbort } from '../../api.ts';
import { type CoverageLevel, PAIRING_KINDS, type PairingKind, unpairedOf } from '../../audit-queries.ts';
import { h, replaceChildren } from '../../dom.ts';
import { formatNumber, formatRate, kindName, type MessageKey, t } from '../../i18n.ts';
import type { EntityRef } from '../../queries.ts';
import type { LensContext } from '../lens.ts';

interface Row {
  area: EntityRef;
  level: number;
  figures: Partial<Record<PairingKind, CoverageLevel>>;
}

/** The three kinds' trees merged into rows, parents before children, in the first kind's order. */
export function rollupRows(byKind: Record<PairingKind, CoverageLevel>): Row[] {
  const rows = new Map<string, Row>();
  const order: string[] = [];
  const visit = (level: CoverageLevel, depth: number, kind: PairingKind, parent: string | null) => {
    let row = rows.get(level.area.id);
    if (!row) {
      row = { area: level.area, level: depth, figures: {} };
      rows.set(level.area.id, row);
      // A child first met under a later kind goes after its parent's last known descendant.
      const at = parent == null ? order.length : lastDescendant(order, rows, parent) + 1;
      order.splice(at, 0, level.area.id);
    }
    row.figures[kind] = level;
    for (const child of level.byArea ?? []) visit(child, depth + 1, kind, level.area.id);
  };
  for (const kind of PAIRING_KINDS) visit(byKind[kind], 0, kind, null);
  return order.map((id) => rows.get(id)!);
}

function lastDescendant(order: string[], rows: Map<string, Row>, parent: string): number {
  const start = order.indexOf(parent);
  const depth = rows.get(parent)!.level;
  let end = start;
  while (end + 1 < order.length && rows.get(order[end + 1]!)!.level > depth) end += 1;
  return end;
}

function rateCell(row: Row, kind: PairingKind, onUnpaired: (row: Row, kind: PairingKind) => void): HTMLElement {
  const figures = row.figures[kind];
  if (!figures || figures.villages === 0) return h('td', { class: 'num muted', 'data-kind': kind }, '—');
  const unpaired = figures.villages - figures.paired;
  return h(
    'td',
    { class: 'num', 'data-kind': kind },
    h('span', { 'data-testid': 'rollup-rate' }, formatRate(figures.rate)),
    h('div', { class: 'rate-bar' }, h('span', { style: `width:${Math.round((figures.rate ?? 0) * 100)}%` })),
    h('small', { class: 'muted' }, `${formatNumber(figures.paired)} / ${formatNumber(figures.villages)} `),
    unpaired > 0
      ? h(
          'button',
          { type: 'button', class: 'link small', 'data-testid': 'show-unpaired', onclick: () => onUnpaired(row, kind) },
          `${t('audit.showUnpaired')} ${formatNumber(unpaired)}`,
        )
      : null,
  );
}

/** Draws the table into `into`; "unpaired" opens the list under it. */
export function renderRollup(into: HTMLElement, byKind: Record<PairingKind, CoverageLevel>, asOf: string, ctx: LensContext): void {
  const list = h('div', { class: 'unpaired-box', 'data-testid': 'unpaired-box', hidden: true });
  const showUnpaired = async (row: Row, kind: PairingKind) => {
    list.hidden = false;
    replaceChildren(list, h('p', { class: 'hint' }, t('status.loading')));
    try {
      const unpaired = await unpairedOf(row.area.id, kind, ctx.state.asOf, ctx.signal);
      replaceChildren(
        list,
        h(
          'div',
          { class: 'section-title' },
          t('audit.unpairedOf', {
            area: row.area.name,
            kind: t(`pairingKind.${kind}` as MessageKey),
            n: formatNumber(unpaired.totalCount),
          }),
          ' ',
          h('button', { type: 'button', class: 'link small', onclick: () => (list.hidden = true) }, t('audit.unpairedClose')),
        ),
        h(
          'ul',
          { class: 'plain columns', 'data-testid': 'unpaired-list' },
          ...unpaired.nodes.map((v) =>
            h('li', { 'data-id': v.id }, h('button', { type: 'button', class: 'link', onclick: () => ctx.selectNode(v.id) }, v.name)),
          ),
        ),
      );
    } catch (error) {
      if (!isAbort(error)) replaceChildren(list, h('p', { class: 'hint', role: 'alert' }, describeError(error)));
    }
  };
  const rows = rollupRows(byKind);
  replaceChildren(
    into,
    h('div', { class: 'section-title' }, t('audit.rollup', { date: asOf })),
    h(
      'table',
      { class: 'coverage rollup', 'data-testid': 'audit-rollup' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, t('audit.area')),
          ...PAIRING_KINDS.map((kind) => h('th', { class: 'num' }, t(`pairingKind.${kind}` as MessageKey))),
        ),
      ),
      h(
        'tbody',
        {},
        ...rows.map((row) =>
          h(
            'tr',
            { 'data-area': row.area.id, 'data-level': row.level },
            h(
              'td',
              { style: `padding-left:${4 + row.level * 16}px` },
              h('button', { type: 'button', class: 'link', onclick: () => ctx.selectNode(row.area.id) }, row.area.name),
              h('small', { class: 'muted' }, ` ${kindName(row.area.kind)}`),
            ),
            ...PAIRING_KINDS.map((kind) => rateCell(row, kind, (r, k) => void showUnpaired(r, k))),
          ),
        ),
      ),
    ),
    list,
  );
}
