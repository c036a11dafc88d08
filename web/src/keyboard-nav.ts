/**
 * The graph by keyboard (issue #20, "everyone can use it"): the graph's container is one tab stop with
 * a summary as its label; the arrow keys move the selection to the neighbour lying that way (any node
 * that way when no neighbour does), Enter opens its details (or unfolds a group), + and − zoom,
 * Escape leaves the node. The node in hand wears a ring (the `kbd-focus` class) and a polite live
 * region says which node it is.
 */
import type { Core, NodeCollection, NodeSingular } from 'cytoscape';
import { formatNumber, kindName, t } from './i18n.ts';

export interface KeyboardNavigation {
  /** Rewrites the container's label (after the graph or the language changed). */
  refresh(): void;
}

const DIRECTIONS: Record<string, { x: number; y: number }> = {
  ArrowRight: { x: 1, y: 0 },
  ArrowLeft: { x: -1, y: 0 },
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
};
/** A node counts as lying "that way" within 67.5° of the arrow. */
const MIN_COSINE = Math.cos((67.5 * Math.PI) / 180);
const ZOOM_STEP = 1.25;

/** The nearest of `candidates` in direction `d` from `from`, favouring those straight ahead. */
export function nodeToward(from: NodeSingular, candidates: NodeCollection, d: { x: number; y: number }): NodeSingular | null {
  const p = from.position();
  let best: NodeSingular | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const node of candidates) {
    if (node.same(from)) continue;
    const q = node.position();
    const dx = q.x - p.x;
    const dy = q.y - p.y;
    const distance = Math.hypot(dx, dy);
    if (distance === 0) continue;
    const cosine = (dx * d.x + dy * d.y) / distance;
    if (cosine < MIN_COSINE) continue;
    const score = distance * (2 - cosine);
    if (score < bestScore) {
      bestScore = score;
      best = node;
    }
  }
  return best;
}

export function installKeyboardNavigation(
  cy: Core,
  options: {
    /** Shows a node's details. */
    open(node: NodeSingular): void;
    /** The lens's double-click action (unfolds a group box); false when the node is not one. */
    toggleGroup(node: NodeSingular): boolean;
  },
): KeyboardNavigation {
  const container = cy.container()!;
  container.tabIndex = 0;
  container.setAttribute('role', 'application');
  const live = document.createElement('div');
  live.className = 'visually-hidden';
  live.setAttribute('aria-live', 'polite');
  live.dataset.testid = 'graph-announcer';
  live.style.cssText = 'position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap';
  container.insertAdjacentElement('afterend', live);

  const refresh = () => {
    const nodes = cy.nodes(':visible').length;
    const edges = cy.edges(':visible').length;
    container.setAttribute('aria-label', t('graph.aria', { nodes: formatNumber(nodes), edges: formatNumber(edges) }));
  };
  let timer: number | undefined;
  cy.on('add remove', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 200);
  });
  refresh();

  const visible = () => cy.nodes(':visible');
  /** The node in hand: the ringed one, else the selection, else the centre, else the best connected. */
  const current = (): NodeSingular | null => {
    const inHand = cy.nodes('.kbd-focus:visible').add(cy.nodes(':selected:visible')).add(cy.nodes('.focus:visible'));
    if (inHand.nonempty()) return inHand[0]!;
    const all = visible();
    if (all.empty()) return null;
    return all.max((n) => n.degree(false)).ele as NodeSingular;
  };

  const take = (node: NodeSingular) => {
    cy.batch(() => {
      cy.nodes('.kbd-focus').removeClass('kbd-focus');
      cy.elements(':selected').unselect();
      node.select().addClass('kbd-focus');
    });
    // Keep it on screen: pan only when it has left the view.
    const extent = cy.extent();
    const { x, y } = node.position();
    if (x < extent.x1 || x > extent.x2 || y < extent.y1 || y > extent.y2) cy.center(node);
    const label = node.data('label') ?? node.data('caption') ?? node.id();
    const kind = node.data('kind') ? kindName(node.data('kind')) : '';
    live.textContent = t('graph.selected', { name: String(label), kind, n: node.neighborhood().nodes().length });
  };

  container.addEventListener('keydown', (event) => {
    if (event.target !== container || event.ctrlKey || event.metaKey || event.altKey) return;
    const direction = DIRECTIONS[event.key];
    if (direction) {
      event.preventDefault();
      const from = current();
      if (!from) return;
      if (!from.hasClass('kbd-focus')) {
        take(from);
        return;
      }
      const next = nodeToward(from, from.neighborhood().nodes(':visible'), direction) ?? nodeToward(from, visible(), direction);
      if (next) take(next);
      return;
    }
    const inHand = cy.nodes('.kbd-focus')[0];
    switch (event.key) {
      case 'Enter':
        if (!inHand) return;
        event.preventDefault();
        if (!options.toggleGroup(inHand)) options.open(inHand);
        break;
      case '+':
      case '=':
      case '-':
      case '_': {
        event.preventDefault();
        const factor = event.key === '+' || event.key === '=' ? ZOOM_STEP : 1 / ZOOM_STEP;
        const zoom = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), cy.zoom() * factor));
        cy.zoom({ level: zoom, renderedPosition: { x: container.clientWidth / 2, y: container.clientHeight / 2 } });
        break;
      }
      case 'Escape':
        cy.nodes('.kbd-focus').removeClass('kbd-focus');
        live.textContent = '';
        break;
    }
  });
  return { refresh };
}
