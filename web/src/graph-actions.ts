/**
 * Behaviour shared by the lenses that explore (network, chains, path): expand a node's neighbours,
 * all or by relationship type, and hide nodes — each one undoable step.
 */
import type { Collection, NodeCollection, NodeSingular } from 'cytoscape';
import { RELATIONSHIP_TYPE_NAMES } from '../../schema/model.ts';
import { relationshipName, t } from './i18n.ts';
import { expansionLayout, networkLayout } from './layouts.ts';
import type { LensContext } from './lenses/lens.ts';
import { neighbourhoodElements } from './queries.ts';

/** Most neighbours one expansion adds; the API cuts there and says so. */
const EXPAND_LIMIT = 300;
/** Below this many nodes the whole graph is laid out again after an expansion; above, only the new nodes. */
const RELAYOUT_ALL_BELOW = 250;

export async function expandNeighbours(node: NodeSingular, ctx: LensContext, relationships: string[] | null = null): Promise<Collection> {
  if (node.isParent()) return ctx.view.cy.collection();
  ctx.status.loading(t('status.loading.network'));
  try {
    const elements = await neighbourhoodElements(
      { id: node.id(), depth: 1, limit: EXPAND_LIMIT, asOf: ctx.state.asOf, relationships },
      ctx.signal,
    );
    const added = ctx.view.addNew(elements);
    const newNodes = added.nodes();
    if (newNodes.empty()) {
      ctx.notice(t('network.noMore', { name: node.data('label'), rel: relationships ? relationshipName(relationships[0] ?? '') : '' }));
      return added;
    }
    ctx.notice(elements.truncated ? t('notice.truncated', { n: EXPAND_LIMIT }) : null);
    const cy = ctx.view.cy;
    if (cy.nodes().length < RELAYOUT_ALL_BELOW) {
      newNodes.positions(() => ({ ...node.position() }));
      await ctx.view.runLayout(networkLayout(cy.nodes().length, { incremental: true }));
    } else {
      await ctx.view.runLayout(expansionLayout(node, newNodes.length), newNodes.union(node));
    }
    return added;
  } finally {
    ctx.status.clear();
  }
}

export function hideNodes(nodes: NodeCollection, ctx: LensContext): void {
  if (nodes.empty()) return;
  // Removing a node takes its edges with it; undo restores both.
  ctx.view.undoRedo.do('remove', nodes.union(nodes.connectedEdges()));
}

/** Context-menu items for exploring: expand all, expand by type, hide, keep only the neighbourhood. */
export function exploreMenuItems(ctx: LensContext): cytoscape.ContextMenuItem[] {
  const target = (event: cytoscape.EventObject) => event.target as NodeSingular;
  return [
    {
      id: 'cm-expand-all',
      content: t('network.expandAll'),
      selector: 'node',
      onClickFunction: (e) => void expandNeighbours(target(e), ctx),
    },
    {
      id: 'cm-expand-by',
      content: t('network.expandBy'),
      selector: 'node',
      submenu: RELATIONSHIP_TYPE_NAMES.map((type) => ({
        id: `cm-expand-${type}`,
        content: `${relationshipName(type)} <span class="hint">${type}</span>`,
        onClickFunction: (e: cytoscape.EventObject) => void expandNeighbours(target(e), ctx, [type]),
      })),
      hasTrailingDivider: true,
    },
    { id: 'cm-hide', content: t('network.hide'), selector: 'node', onClickFunction: (e) => hideNodes(target(e), ctx) },
    {
      id: 'cm-keep',
      content: t('network.keepNeighbourhood'),
      selector: 'node',
      hasTrailingDivider: true,
      onClickFunction: (e) => {
        const keep = target(e).closedNeighborhood();
        hideNodes(ctx.view.cy.nodes().difference(keep.nodes()), ctx);
      },
    },
  ];
}
