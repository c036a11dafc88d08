/**
 * Hover tooltips: cytoscape-popper places them, floating-ui computes where (it replaced Popper.js,
 * which tippy.js still needs).
 */
import { computePosition, flip, offset, shift } from '@floating-ui/dom';
import type { Core, NodeSingular } from 'cytoscape';
import type cytoscapePopper from 'cytoscape-popper';
import { kindName } from './i18n.ts';

export const popperFactory: cytoscapePopper.PopperFactory = (ref, content) => {
  const update = () => {
    void computePosition(ref as Element, content, { placement: 'top', middleware: [offset(10), flip(), shift({ padding: 6 })] }).then(
      ({ x, y }) => {
        content.style.left = `${x}px`;
        content.style.top = `${y}px`;
      },
    );
  };
  update();
  return { update } as cytoscapePopper.PopperInstance;
};

/** Shows a node's name and kind after a short hover; never while the view is moving. */
export function installTooltips(cy: Core, extra: (node: NodeSingular) => string | null): void {
  let tip: HTMLElement | null = null;
  let timer: number | undefined;
  const hide = () => {
    window.clearTimeout(timer);
    tip?.remove();
    tip = null;
  };
  cy.on('mouseover', 'node', (event) => {
    const node = event.target as NodeSingular;
    hide();
    timer = window.setTimeout(() => {
      if (node.removed()) return;
      tip = document.createElement('div');
      tip.className = 'graph-tooltip';
      tip.setAttribute('role', 'tooltip');
      const name = document.createElement('strong');
      name.textContent = node.data('label');
      const kind = document.createElement('div');
      kind.className = 'muted';
      kind.textContent = kindName(node.data('kind') ?? '');
      tip.append(name, kind);
      const more = extra(node);
      if (more) {
        const line = document.createElement('div');
        line.textContent = more;
        tip.append(line);
      }
      document.body.append(tip);
      node.popper({ content: () => tip! });
    }, 350);
  });
  cy.on('mouseout', 'node', hide);
  cy.on('viewport remove tapstart cxttapstart', hide);
  cy.on('mouseover', 'edge', (event) => event.target.addClass('hover'));
  cy.on('mouseout', 'edge', (event) => event.target.removeClass('hover'));
}
