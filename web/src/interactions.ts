/**
 * How the graph answers the planner: click selects and shows details, double-click does the lens's
 * thing (fold, expand), right-click opens a context menu (cytoscape-context-menus), hovering shows a
 * tooltip, Delete hides the selection and Ctrl+Z / Ctrl+Y undo and redo (cytoscape-undo-redo); the
 * arrow keys, Enter and +/− work the graph itself (keyboard-nav.ts).
 */
import type { EdgeSingular, EventObject, NodeSingular } from 'cytoscape';
import submenuIndicator from 'cytoscape-context-menus/assets/submenu-indicator-default.svg?url';
import { describeError, isAbort } from './api.ts';
import type { DetailsPanel } from './details-panel.ts';
import { hideNodes } from './graph-actions.ts';
import type { GraphView } from './graph-view.ts';
import { t } from './i18n.ts';
import { installKeyboardNavigation } from './keyboard-nav.ts';
import type { Lens, LensContext } from './lenses/lens.ts';
import { installTooltips } from './tooltip.ts';

export interface Interactions {
  /** Rebuilds the context menu for the current lens and language. */
  refreshMenus(): void;
}

export function installInteractions(
  view: GraphView,
  options: {
    details: DetailsPanel;
    lens: () => Lens;
    context: () => LensContext;
    onAction: (action: 'centre' | 'hierarchy' | 'coverage' | 'pathFrom' | 'pathTo', id: string) => void;
    onError: (message: string) => void;
  },
): Interactions {
  const { cy } = view;

  cy.on('tap', 'node', (event) => {
    const node = event.target as NodeSingular;
    if (node.data('kind') == null) return;
    void options.details.showNode(node.id(), { pairing: node.data('pairing') });
  });
  cy.on('tap', 'edge', (event) => {
    const edge = event.target as EdgeSingular;
    // Edges the expand-collapse extension draws for a folded box have no relationship behind them.
    if (edge.hasClass('cy-expand-collapse-meta-edge') || edge.data('label') == null) return;
    void options.details.showEdge(edge.id());
  });
  cy.on('tap', (event) => {
    if (event.target === cy) options.details.clear();
  });
  cy.on('dbltap', 'node', (event) => {
    const node = event.target as NodeSingular;
    const handler = options.lens().onDoubleTap;
    if (!handler) return;
    handler(node, options.context()).catch((error: unknown) => {
      if (!isAbort(error)) options.onError(describeError(error));
    });
  });

  installTooltips(cy, (node) => options.lens().tooltip?.(node) ?? null);

  // The graph by keyboard: arrows between neighbours, Enter for details (or to open a group box).
  const keyboard = installKeyboardNavigation(cy, {
    open: (node) => {
      if (node.data('kind') != null) void options.details.showNode(node.id(), { pairing: node.data('pairing') });
    },
    toggleGroup: (node) => {
      const handler = options.lens().onDoubleTap;
      if (!handler || !(node.hasClass('aggregate') || node.hasClass('overview-group'))) return false;
      handler(node, options.context()).catch((error: unknown) => {
        if (!isAbort(error)) options.onError(describeError(error));
      });
      return true;
    },
  });

  const onKey = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (target.closest('input, select, textarea')) return;
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key.toLowerCase() === 'z' && !event.shiftKey) {
      event.preventDefault();
      if (!view.undoRedo.isUndoStackEmpty()) view.undoRedo.undo();
    } else if (mod && (event.key.toLowerCase() === 'y' || (event.key.toLowerCase() === 'z' && event.shiftKey))) {
      event.preventDefault();
      if (!view.undoRedo.isRedoStackEmpty()) view.undoRedo.redo();
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      const selected = cy.nodes(':selected');
      if (selected.nonempty()) {
        event.preventDefault();
        hideNodes(selected, options.context());
        options.details.clear();
      }
    }
  };
  document.addEventListener('keydown', onKey);

  const refreshMenus = () => {
    keyboard.refresh();
    const node = (event: EventObject) => event.target as NodeSingular;
    const action = (name: 'centre' | 'hierarchy' | 'coverage' | 'pathFrom' | 'pathTo') => (event: EventObject) =>
      options.onAction(name, node(event).id());
    const entityNode = 'node[kind]';
    const areaNode = 'node[category = "Organization"], node[category = "Place"], node[category = "Alliance"]';
    cy.contextMenus({
      submenuIndicator: { src: submenuIndicator, width: 12, height: 12 },
      menuItems: [
        {
          id: 'cm-details',
          content: t('menu.details'),
          selector: entityNode,
          onClickFunction: (event) => {
            cy.elements().unselect();
            node(event).select();
            void options.details.showNode(node(event).id(), { pairing: node(event).data('pairing') });
          },
        },
        { id: 'cm-centre', content: t('network.centre'), selector: entityNode, onClickFunction: action('centre') },
        {
          id: 'cm-hierarchy',
          content: t('menu.hierarchy'),
          selector: 'node[category = "Organization"], node[category = "Place"]',
          onClickFunction: action('hierarchy'),
        },
        { id: 'cm-coverage', content: t('menu.coverage'), selector: areaNode, onClickFunction: action('coverage') },
        { id: 'cm-path-from', content: t('menu.pathFrom'), selector: entityNode, onClickFunction: action('pathFrom') },
        { id: 'cm-path-to', content: t('menu.pathTo'), selector: entityNode, onClickFunction: action('pathTo'), hasTrailingDivider: true },
        ...(options.lens().menuItems?.(options.context()) ?? []),
        { id: 'cm-fit', content: t('menu.fit'), coreAsWell: true, selector: '', onClickFunction: () => cy.fit(undefined, 30) },
      ],
    });
  };
  refreshMenus();
  return { refreshMenus };
}
