/**
 * The legend: every kind on screen with its shape, colour and count, each with a checkbox that
 * filters it in or out; in the coverage lens also the pairing statuses with their counts. The
 * swatches come from the same palette as the stylesheet, so the two never disagree.
 */
import type { Core } from 'cytoscape';
import { h, replaceChildren } from './dom.ts';
import { formatNumber, kindName, t } from './i18n.ts';
import { KIND_LOOKS, kindLook, PAIRING_COLOURS, PAIRING_SIGNS } from './style.ts';

export interface Legend {
  /** Redraws from what is on screen now. */
  render(): void;
  /** Applies the hidden kinds to the graph (the `.filtered` style hides them). */
  apply(hidden: readonly string[]): void;
}

const KIND_ORDER = Object.keys(KIND_LOOKS);

export function createLegend(
  element: HTMLElement,
  cy: Core,
  options: { hidden: () => readonly string[]; onChange: (hidden: string[]) => void },
): Legend {
  let pending = 0;
  const render = () => {
    const hidden = new Set(options.hidden());
    const counts = new Map<string, number>();
    const pairing = new Map<string, number>();
    for (const node of cy.nodes()) {
      const kind = node.data('kind');
      if (!kind) continue;
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
      const status = node.data('pairing');
      if (status && node.hasClass('by-pairing')) pairing.set(status, (pairing.get(status) ?? 0) + 1);
    }
    // Kinds hidden by the URL stay listed (with 0) so they can be shown again.
    for (const kind of hidden) if (!counts.has(kind)) counts.set(kind, 0);
    if (counts.size === 0) {
      replaceChildren(element, h('p', { class: 'hint' }, t('legend.empty')));
      return;
    }
    const kinds = [...counts.keys()].sort((a, b) => KIND_ORDER.indexOf(a) - KIND_ORDER.indexOf(b));
    const toggle = (kind: string, visible: boolean) => {
      const next = new Set(options.hidden());
      if (visible) next.delete(kind);
      else next.add(kind);
      options.onChange([...next]);
    };
    const items = kinds.map((kind) => {
      const look = kindLook(kind);
      const shown = !hidden.has(kind);
      return h(
        'li',
        { 'data-kind': kind },
        h(
          'label',
          {},
          h('input', { type: 'checkbox', checked: shown, onchange: (event) => toggle(kind, (event.target as HTMLInputElement).checked) }),
          h('span', { class: `swatch ${look.shape}`, style: `background:${look.color}` }),
          h('span', { class: shown ? '' : 'hidden-kind' }, kindName(kind)),
          h('span', { class: 'count' }, formatNumber(counts.get(kind) ?? 0)),
        ),
      );
    });
    const pairingItems = ['paired', 'unpaired', 'ended']
      .filter((status) => pairing.has(status))
      .map((status) =>
        h(
          'li',
          { 'data-pairing': status },
          h(
            'label',
            {},
            // The ring as drawn (solid, double, dotted) and a sign: the status does not rest on colour alone.
            h('span', { class: `swatch ring ring-${status}`, style: `border-color:${PAIRING_COLOURS[status]}` }),
            h('span', { class: 'status-sign', 'aria-hidden': 'true' }, PAIRING_SIGNS[status] ?? ''),
            h('span', {}, t(`pairing.${status}` as 'pairing.paired')),
            h('span', { class: 'count' }, formatNumber(pairing.get(status) ?? 0)),
          ),
        ),
      );
    replaceChildren(
      element,
      pairingItems.length > 0 ? h('p', { class: 'legend-subtitle' }, t('legend.pairing')) : null,
      pairingItems.length > 0 ? h('ul', { class: 'legend' }, ...pairingItems) : null,
      h('p', { class: 'legend-subtitle' }, t('legend.kinds')),
      h('ul', { class: 'legend', 'data-testid': 'legend-kinds' }, ...items),
      hidden.size > 0 ? h('button', { type: 'button', class: 'small', onclick: () => options.onChange([]) }, t('legend.showAll')) : null,
    );
  };
  // New nodes (an expansion, a loaded subtree) follow the filters at once.
  cy.on('add', 'node', (event) => {
    if (options.hidden().includes(event.target.data('kind'))) event.target.addClass('filtered');
  });
  // Adding thousands of elements fires thousands of events: redraw once per frame at most.
  cy.on('add remove', () => {
    if (pending) return;
    pending = requestAnimationFrame(() => {
      pending = 0;
      render();
    });
  });
  return {
    render,
    apply(hidden) {
      const set = new Set(hidden);
      cy.batch(() => {
        for (const node of cy.nodes()) node.toggleClass('filtered', set.has(node.data('kind')));
      });
      render();
    },
  };
}
