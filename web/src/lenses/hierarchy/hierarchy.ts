/**
 * Hierarchy lens: an area's Party organizations as a tree, from the district committee down to the
 * building groups. Three levels come first; a node whose children are not loaded yet shows ⊕ and its
 * count, and loads them when double-clicked. Double-clicking a loaded node folds its subtree away
 * and back (both undoable). The node expanded stays where it was on screen at the same zoom (the tree
 * is laid out again around it, never re-fitted), so a planner deep in a 1,000-node tree keeps their
 * place; 展开一级 / 折叠到第 N 级 act on whole levels, and a breadcrumb shows the way up from the
 * node in hand.
 */
import type { Collection, LayoutOptions, NodeSingular } from 'cytoscape';
import { h, replaceChildren } from '../../dom.ts';
import { toDefinitions } from '../../graph-view.ts';
import { formatNumber, t } from '../../i18n.ts';
import { treeLayout } from '../../layouts.ts';
import { hierarchyElements } from '../../queries.ts';
import { areaLens } from '../area-picker.ts';
import { type Lens, type LensContext, nextFrame } from '../lens.ts';

const FIRST_DEPTH = 3;
const FIRST_LIMIT = 2000;
const MORE_DEPTH = 2;
const MORE_LIMIT = 800;
/** The whole tree one level deeper (展开一级). */
const MORE_LEVEL_LIMIT = 5000;
/** Below this zoom a fitted tree is too small to read. */
const OVERVIEW_ZOOM = 0.3;

/** Organizations it leads that are on screen (REPORTS_TO points from child to parent). */
const loadedChildren = (node: NodeSingular) => node.incomers('edge[label = "REPORTS_TO"]').sources();
/** The organization it reports to, when on screen. */
const parentOf = (node: NodeSingular) => node.outgoers('edge[label = "REPORTS_TO"]').targets().first() as NodeSingular;
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

/** Levels from the root (level 1) of every node on screen. */
function levels(root: NodeSingular): Map<string, number> {
  const found = new Map<string, number>([[root.id(), 1]]);
  let frontier = [root];
  for (let level = 2; frontier.length > 0; level++) {
    const next: NodeSingular[] = [];
    for (const node of frontier) {
      for (const child of loadedChildren(node)) {
        if (found.has(child.id())) continue;
        found.set(child.id(), level);
        next.push(child);
      }
    }
    frontier = next;
  }
  return found;
}

/** The way up from a node to the root, root first. */
function pathFromRoot(node: NodeSingular): NodeSingular[] {
  const path = [node];
  const seen = new Set([node.id()]);
  for (let up = parentOf(node); up?.nonempty() && !seen.has(up.id()); up = parentOf(up)) {
    seen.add(up.id());
    path.unshift(up);
  }
  return path;
}

export function createHierarchyLens(): Lens {
  let rootId: string | null = null;
  let rootName = '';
  let registered = false;
  /** The node in hand (last selected, expanded or folded), for the breadcrumb. */
  let currentId: string | null = null;
  let activeCtx: LensContext | null = null;

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
    ctx.view.cy.on('select', 'node', (event) => {
      if (activeCtx !== ctx) return;
      currentId = (event.target as NodeSingular).id();
      summarize(ctx);
    });
  };

  /**
   * Lays the tree out again with `anchor` kept where it was on screen at the same zoom: the planner
   * sees the new children appear beside the node they opened, instead of a re-fitted overview.
   */
  const relayoutAround = async (ctx: LensContext, anchor: NodeSingular) => {
    const cy = ctx.view.cy;
    const before = anchor.renderedPosition();
    const zoom = cy.zoom();
    await ctx.view.runLayout({ ...treeLayout(), fit: false } as LayoutOptions);
    const after = anchor.position();
    cy.viewport({ zoom, pan: { x: before.x - after.x * zoom, y: before.y - after.y * zoom } });
  };

  /**
   * Loads the tree below `id` down to `depth` more levels (what is on screen already is kept) and lays
   * it out around the node `anchor` names once the new nodes are in.
   */
  const loadBelow = async (ctx: LensContext, id: string, depth: number, limit: number, anchor: () => NodeSingular) => {
    ctx.status.loading(t('status.loading.hierarchy'));
    try {
      const more = await hierarchyElements(id, depth, limit, ctx.signal);
      const added = ctx.view.addNew(more);
      added.nodes().addClass('tree');
      ctx.view.cy.batch(() => ctx.view.cy.nodes().forEach(markNode));
      if (added.nonempty()) await relayoutAround(ctx, anchor());
      return more;
    } finally {
      ctx.status.clear();
    }
  };

  const rootNode = (ctx: LensContext) => (rootId ? ctx.view.node(rootId) : undefined);

  /** Shows levels 1…n: every subtree below level n is folded (one undoable step). */
  const foldToLevel = (ctx: LensContext, n: number) => {
    const root = rootNode(ctx);
    if (!root) return;
    const level = levels(root);
    const targets = ctx.view.cy.nodes().filter((node) => level.get(node.id()) === n && !folded(node) && loadedChildren(node).nonempty());
    if (targets.nonempty())
      ctx.view.undoRedo.do(
        'batch',
        targets.map((node) => ({ name: 'fold', param: node })),
      );
    summarize(ctx);
  };

  /** One level more below the deepest level shown: folded subtrees open, missing children load. */
  const expandLevel = async (ctx: LensContext) => {
    const root = rootNode(ctx);
    if (!root) return;
    const level = levels(root);
    const deepest = Math.max(...level.values());
    const bottom = ctx.view.cy.nodes().filter((node) => level.get(node.id()) === deepest);
    const toUnfold = bottom.filter((node) => folded(node as NodeSingular) !== undefined);
    if (toUnfold.nonempty()) {
      // Unfolding restores a whole subtree: fold its children again in the same step, so one level shows.
      const steps = toUnfold.map((node) => ({ name: 'unfold', param: node }));
      for (const node of toUnfold.toArray() as NodeSingular[]) {
        const below = folded(node)!;
        const reportsTo = (id: string) => below.edges().filter((e) => e.data('label') === 'REPORTS_TO' && e.data('target') === id);
        for (const edge of reportsTo(node.id())) {
          const child = edge.source();
          if (reportsTo(child.id()).nonempty()) steps.push({ name: 'fold', param: child });
        }
      }
      ctx.view.undoRedo.do('batch', steps);
    }
    const missing = bottom.filter((ele) => {
      const node = ele as NodeSingular;
      return !folded(node) && loadedChildren(node).length < childCountOf(node);
    });
    if (missing.nonempty()) {
      // One request for the whole tree one level deeper.
      const more = await loadBelow(
        ctx,
        root.id(),
        deepest,
        MORE_LEVEL_LIMIT,
        () => (currentId ? ctx.view.node(currentId) : undefined) ?? root,
      );
      ctx.notice(more.truncated ? t('notice.truncated', { n: formatNumber(more.nodes.length) }) : null);
    }
    summarize(ctx);
  };

  const breadcrumb = (ctx: LensContext) => {
    const current = currentId ? ctx.view.node(currentId) : undefined;
    const path = current ? pathFromRoot(current) : [];
    return h(
      'nav',
      { class: 'breadcrumb', 'data-testid': 'hierarchy-breadcrumb', 'aria-label': t('hierarchy.breadcrumb') },
      ...path.flatMap((node, i) => [
        i > 0 ? h('span', { class: 'crumb-sep', 'aria-hidden': 'true' }, '›') : null,
        h(
          'button',
          {
            type: 'button',
            class: 'link',
            'data-data': 'name',
            'aria-current': i === path.length - 1 ? 'location' : null,
            onclick: () => ctx.selectNode(node.id()),
          },
          String(node.data('label')),
        ),
      ]),
    );
  };

  const levelControls = (ctx: LensContext) => {
    const root = rootNode(ctx);
    const deepest = root ? Math.max(...levels(root).values()) : 1;
    const select = h(
      'select',
      { id: 'fold-to-level', 'data-testid': 'fold-to-level', 'aria-label': t('hierarchy.foldTo') },
      h('option', { value: '' }, t('hierarchy.foldTo')),
      ...Array.from({ length: Math.max(0, deepest - 1) }, (_, i) =>
        h('option', { value: String(i + 1) }, t('hierarchy.level', { n: i + 1 })),
      ),
    );
    select.addEventListener('change', () => {
      const n = Number(select.value);
      if (n > 0) foldToLevel(ctx, n);
    });
    return h(
      'div',
      { class: 'level-controls' },
      h('button', { type: 'button', 'data-testid': 'expand-level', onclick: () => void expandLevel(ctx) }, t('hierarchy.expandLevel')),
      select,
    );
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
      levelControls(ctx),
      breadcrumb(ctx),
    );
  };

  const toggle = async (node: NodeSingular, ctx: LensContext) => {
    currentId = node.id();
    if (folded(node)) {
      ctx.view.undoRedo.do('unfold', node);
      summarize(ctx);
      return;
    }
    if (loadedChildren(node).length < childCountOf(node)) {
      await loadBelow(ctx, node.id(), MORE_DEPTH, MORE_LIMIT, () => node);
      summarize(ctx);
      return;
    }
    if (loadedChildren(node).nonempty()) ctx.view.undoRedo.do('fold', node);
    summarize(ctx);
  };

  return areaLens({
    id: 'hierarchy',
    reset(ctx) {
      activeCtx = ctx;
      register(ctx);
    },
    async loadArea(ctx, chosen) {
      ctx.status.loading(t('status.loading.hierarchy'));
      const elements = await hierarchyElements(chosen, FIRST_DEPTH, FIRST_LIMIT, ctx.signal);
      rootId = elements.nodes[0]?.data.id ?? null;
      currentId = rootId;
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
    leave() {
      activeCtx = null;
    },
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
  });
}
