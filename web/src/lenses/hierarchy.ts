/**
 * Hierarchy lens: an area's Party organizations as a tree, from the district committee down to the
 * building groups. Three levels come first; a node whose children are not loaded yet shows ⊕ and its
 * count, and loads them when double-clicked. Double-clicking a loaded node folds its subtree away
 * and back (both undoable).
 */
import type { Collection, NodeSingular } from 'cytoscape';
import { h, replaceChildren } from '../dom.ts';
import { toDefinitions } from '../graph-view.ts';
import { formatNumber, t } from '../i18n.ts';
import { treeLayout } from '../layouts.ts';
import { hierarchyElements } from '../queries.ts';
import { renderAreaPicker } from './area-picker.ts';
import { type Lens, type LensContext, nextFrame } from './lens.ts';

const FIRST_DEPTH = 3;
const FIRST_LIMIT = 2000;
const MORE_DEPTH = 2;
const MORE_LIMIT = 800;
/** Below this zoom a fitted tree is too small to read. */
const OVERVIEW_ZOOM = 0.3;

/** Organizations it leads that are on screen (REPORTS_TO points from child to parent). */
const loadedChildren = (node: NodeSingular) => node.incomers('edge[label = "REPORTS_TO"]').sources();
const folded = (node: NodeSingular) => node.scratch('_folded') as Collection | undefined;
const childCountOf = (node: NodeSingular) => Number(node.data('childCount') ?? 0);

/** The ⊕ label: a folded subtree, or children not loaded yet. */
function markNode(node: NodeSingular): void {
  const below = folded(node)?.nodes().length ?? 0;
  const missing = childCountOf(node) - loadedChildren(node).length;
  if (below > 0) node.data('display', `${node.data('label')}  ⊕${below}`);
  else if (missing > 0) node.data('display', `${node.data('label')}  ⊕${childCountOf(node)}`);
  else node.removeData('display');
}

export function createHierarchyLens(): Lens {
  let area: Promise<string | null> = Promise.resolve(null);
  let rootId: string | null = null;
  let rootName = '';
  let registered = false;

  const register = (ctx: LensContext) => {
    if (registered) return;
    registered = true;
    // Folding as undo-redo actions, so Ctrl+Z brings a folded subtree back too.
    const fold = (node: NodeSingular) => {
      const below = node.predecessors();
      node.scratch('_folded', below);
      below.remove();
      markNode(node);
      return node;
    };
    const unfold = (node: NodeSingular) => {
      folded(node)?.restore();
      node.removeScratch('_folded');
      markNode(node);
      return node;
    };
    ctx.view.undoRedo.action('fold', fold, unfold).action('unfold', unfold, fold);
  };

  const relayout = (ctx: LensContext) => {
    return ctx.view.runLayout(treeLayout());
  };

  /**
   * A big tree fitted whole is a thin line of dots: start instead at the root, readable, at the left
   * edge (Fit shows everything).
   */
  const showRoot = (ctx: LensContext) => {
    const cy = ctx.view.cy;
    const root = rootId ? ctx.view.node(rootId) : undefined;
    if (!root || cy.zoom() >= OVERVIEW_ZOOM) return;
    const zoom = 0.8;
    cy.viewport({ zoom, pan: { x: 40 - root.position('x') * zoom, y: cy.height() / 2 - root.position('y') * zoom } });
  };

  const summarize = (ctx: LensContext) => {
    replaceChildren(
      ctx.summary,
      h(
        'p',
        { class: 'summary-line', 'data-testid': 'hierarchy-summary' },
        rootName ? t('hierarchy.root', { name: rootName }) : '',
        h('br', {}),
        t('hierarchy.loaded', { nodes: formatNumber(ctx.view.cy.nodes().length) }),
      ),
    );
  };

  const toggle = async (node: NodeSingular, ctx: LensContext) => {
    if (folded(node)) {
      ctx.view.undoRedo.do('unfold', node);
      return;
    }
    if (loadedChildren(node).length < childCountOf(node)) {
      ctx.status.loading(t('status.loading.hierarchy'));
      try {
        const more = await hierarchyElements(node.id(), MORE_DEPTH, MORE_LIMIT, ctx.signal);
        const added = ctx.view.addNew(more);
        added.nodes().addClass('tree');
        ctx.view.cy.batch(() => ctx.view.cy.nodes().forEach(markNode));
        if (added.nonempty()) await relayout(ctx);
        summarize(ctx);
      } finally {
        ctx.status.clear();
      }
      return;
    }
    if (loadedChildren(node).nonempty()) ctx.view.undoRedo.do('fold', node);
  };

  return {
    id: 'hierarchy',
    hint: () => t('lens.hierarchy.hint'),
    renderControls(ctx) {
      area = renderAreaPicker(ctx);
    },
    async load(ctx) {
      register(ctx);
      const chosen = await area;
      if (!chosen) {
        ctx.view.clear();
        ctx.status.empty(t('empty.noArea'));
        return;
      }
      if (!ctx.state.area) ctx.remember({ area: chosen });
      ctx.status.loading(t('status.loading.hierarchy'));
      const elements = await hierarchyElements(chosen, FIRST_DEPTH, FIRST_LIMIT, ctx.signal);
      rootId = elements.nodes[0]?.data.id ?? null;
      rootName = elements.nodes[0]?.data.label ?? '';
      ctx.status.loading(t('status.layout', { n: formatNumber(elements.nodes.length + elements.edges.length) }));
      await nextFrame();
      // Names to the right of the nodes (the `tree` style) before the layout measures them.
      const definitions = toDefinitions(elements).map((d) => (d.group === 'nodes' ? { ...d, classes: 'tree' } : d));
      await ctx.view.replace(definitions, () => treeLayout());
      showRoot(ctx);
      ctx.view.cy.batch(() => ctx.view.cy.nodes().forEach(markNode));
      if (rootId) ctx.view.node(rootId)?.addClass('focus');
      if (elements.nodes.length <= 1) ctx.status.empty(t('empty.hierarchy', { name: rootName || chosen }));
      else ctx.status.clear();
      ctx.notice(elements.truncated ? t('notice.truncated', { n: formatNumber(elements.nodes.length) }) : null);
      summarize(ctx);
    },
    renderSummary: summarize,
    onDoubleTap: toggle,
    menuItems(ctx) {
      return [
        {
          id: 'cm-hierarchy-toggle',
          content: `${t('hierarchy.fold')} / ${t('hierarchy.unfold')}`,
          selector: 'node[childCount > 0]',
          onClickFunction: (event) => void toggle(event.target as NodeSingular, ctx),
        },
      ];
    },
    tooltip(node) {
      const count = childCountOf(node);
      if (count === 0) return null;
      if (folded(node)) return t('hierarchy.unfold');
      return loadedChildren(node).length < count ? t('hierarchy.loadMore', { n: count }) : t('hierarchy.fold');
    },
  };
}
