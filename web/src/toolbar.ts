/** The buttons above the graph: view (fit, zoom, layout), undo/redo, exports, minimap, link. */
import { h, replaceChildren } from './dom.ts';
import { exportCsv, exportPng, exportSvg } from './export.ts';
import type { GraphView } from './graph-view.ts';
import { t } from './i18n.ts';

export interface Toolbar {
  render(): void;
}

export function createToolbar(element: HTMLElement, view: GraphView, options: { lens: () => string; minimap: HTMLElement }): Toolbar {
  const { cy } = view;
  const zoomBy = (factor: number) => {
    const { width, height } = { width: cy.width(), height: cy.height() };
    cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: width / 2, y: height / 2 } });
  };
  let undo: HTMLButtonElement;
  let redo: HTMLButtonElement;
  const syncUndo = () => {
    if (undo) undo.disabled = view.undoRedo.isUndoStackEmpty();
    if (redo) redo.disabled = view.undoRedo.isRedoStackEmpty();
  };
  cy.on('afterDo afterUndo afterRedo add remove', syncUndo);

  const button = (key: Parameters<typeof t>[0], onclick: () => void, testId: string) =>
    h('button', { type: 'button', class: 'small', onclick, 'data-testid': testId, title: t(key) }, t(key));

  const render = () => {
    undo = button('toolbar.undo', () => view.undoRedo.undo(), 'undo');
    redo = button('toolbar.redo', () => view.undoRedo.redo(), 'redo');
    const copy = button(
      'toolbar.share',
      () => {
        void navigator.clipboard
          ?.writeText(location.href)
          .then(() => {
            copy.textContent = t('toolbar.copied');
            setTimeout(() => {
              copy.textContent = t('toolbar.share');
            }, 1500);
          })
          .catch(() => {});
      },
      'share',
    );
    replaceChildren(
      element,
      h(
        'div',
        { class: 'group' },
        button('toolbar.fit', () => cy.fit(undefined, 30), 'fit'),
        button('toolbar.zoomIn', () => zoomBy(1.3), 'zoom-in'),
        button('toolbar.zoomOut', () => zoomBy(1 / 1.3), 'zoom-out'),
        button('toolbar.relayout', () => void view.relayout(), 'relayout'),
      ),
      h('div', { class: 'group' }, undo, redo),
      h(
        'div',
        { class: 'group' },
        button('toolbar.png', () => void exportPng(cy, options.lens()), 'export-png'),
        button('toolbar.svg', () => void exportSvg(cy, options.lens()), 'export-svg'),
        button('toolbar.csv', () => exportCsv(cy, options.lens()), 'export-csv'),
      ),
      h(
        'div',
        { class: 'group' },
        button(
          'toolbar.minimap',
          () => {
            // Narrow graphs hide it by a style rule (styles.css); asking for it shows it anyway.
            const visible = !options.minimap.hidden && getComputedStyle(options.minimap).display !== 'none';
            options.minimap.hidden = visible;
            options.minimap.classList.toggle('shown', !visible);
          },
          'minimap-toggle',
        ),
        copy,
      ),
    );
    syncUndo();
  };
  render();
  return { render };
}
