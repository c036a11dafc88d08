/**
 * Saved views (保存的视图), in the left panel: the open view — lens, area, dates, filters, the nodes the
 * planner hid and pinned, where every node stands, the zoom — saved under a name on the server
 * (Mutation.saveView, kept for the signed-in person), listed and opened again, and shared as a link
 * (?view=<id>) that opens for anyone who may read. Nodes are named by their business ids; a view whose
 * nodes have since been removed opens with a note naming how many (SavedView.missing).
 */
import type { Core, NodeSingular } from 'cytoscape';
import { describeError, gql, isAbort } from './api.ts';
import type { Me } from './auth.ts';
import { h, replaceChildren } from './dom.ts';
import {
  DeleteViewDocument,
  SavedViewByIdDocument,
  type SavedViewFragment,
  SavedViewsDocument,
  type SavedViewsQuery,
  SaveViewDocument,
} from './generated/graphql.ts';
import { t } from './i18n.ts';
import { LENSES, type LensId, type ViewState } from './url-state.ts';

export type SavedView = SavedViewFragment;
type Point = SavedView['pinned'][number];
/** What the list of one's views shows. */
type ViewName = SavedViewsQuery['savedViews'][number];

/** A node's business id is its Cytoscape id (the server hands out entity ids, never Neo4j's). */
const MAX_POSITIONS = 5000;

export function viewLink(id: string): string {
  return `${location.origin}${location.pathname}?view=${encodeURIComponent(id)}`;
}

/** The URL state a saved view stands for (the language stays the reader's). */
export function stateOfView(view: SavedView, current: ViewState): ViewState {
  const lens = (LENSES as readonly string[]).includes(view.lens) ? (view.lens as LensId) : 'hierarchy';
  return {
    ...current,
    lens,
    focus: view.focus,
    area: view.area,
    from: view.pathFrom,
    to: view.pathTo,
    depth: view.depth,
    asOf: view.asOf,
    since: view.since,
    until: view.until,
    cmpFrom: view.compareFrom,
    cmpTo: view.compareTo,
    hide: view.hiddenKinds,
    syn: view.includeSynthetic,
    view: null,
  };
}

export interface SavedViewsHost {
  state(): ViewState;
  cy: Core;
  me(): Me | null;
  /** Replaces the view's state (and the URL: a new history entry, or in place for a link) and loads it. */
  open(state: ViewState, mode: 'push' | 'replace'): void;
  notice(text: string | null): void;
}

export interface SavedViews {
  /**
   * Before the first load: a ?view= link becomes that view's state and is loaded (true); its nodes are
   * placed after the load. False when there is no link or no such view (the caller loads the state).
   */
  openFromUrl(): Promise<boolean>;
  /** After each load: places the opened view's nodes once, and starts counting what the planner hides. */
  afterLoad(): void;
  refreshText(): void;
}

export function createSavedViews(panel: HTMLElement, host: SavedViewsHost): SavedViews {
  const section = h('section', { class: 'panel-section saved-views', 'data-testid': 'saved-views' });
  panel.append(section);
  let views: ViewName[] = [];
  let pending: SavedView | null = null;
  /** Nodes hidden by the planner (undoable removes) since the view was loaded. */
  const hidden = new Set<string>();
  let lastLink: string | null = null;
  let message: string | null = null;

  /** The node ids of an undo-redo action's collection (the `remove` action's argument and result). */
  const nodeIds = (eles: unknown): string[] => {
    const collection = eles as { nodes?: () => { map(f: (n: NodeSingular) => string): string[] } } | null;
    return collection?.nodes ? collection.nodes().map((n) => n.id()) : [];
  };
  host.cy.on('afterDo afterRedo', (_event, action: string, args: unknown) => {
    if (action !== 'remove') return;
    for (const id of nodeIds(args)) hidden.add(id);
  });
  host.cy.on('afterUndo', (_event, action: string, _args: unknown, result: unknown) => {
    if (action !== 'remove') return;
    for (const id of nodeIds(result)) hidden.delete(id);
  });

  const list = async () => {
    if (!host.me()) {
      views = [];
      return;
    }
    // Names only: a view's node lists are asked for when it is opened (each list is priced at its bound).
    const data = await gql(SavedViewsDocument, {});
    views = data.savedViews;
  };

  const capture = (name: string) => {
    const state = host.state();
    const { cy } = host;
    const point = (n: NodeSingular): Point => ({ id: n.id(), x: n.position('x'), y: n.position('y') });
    const drawn = cy.nodes().filter((n) => !n.isParent() && n.inside() && !n.hasClass('live-removed'));
    return {
      name,
      lens: state.lens,
      area: state.area,
      focus: state.focus,
      pathFrom: state.from,
      pathTo: state.to,
      depth: state.depth,
      asOf: state.asOf,
      since: state.since,
      until: state.until,
      compareFrom: state.cmpFrom,
      compareTo: state.cmpTo,
      hiddenKinds: state.hide,
      includeSynthetic: state.syn,
      hidden: [...hidden].filter((id) => cy.getElementById(id).empty()),
      pinned: cy.nodes(':locked').map(point),
      positions: drawn.slice(0, MAX_POSITIONS).map(point),
      zoom: cy.zoom(),
      panX: cy.pan().x,
      panY: cy.pan().y,
    };
  };

  const save = async (name: string) => {
    const data = await gql(SaveViewDocument, { input: capture(name) });
    lastLink = viewLink(data.saveView.id);
    message = t('views.saved', { name: data.saveView.name });
    await list();
    render();
  };

  const remove = async (view: ViewName) => {
    await gql(DeleteViewDocument, { id: view.id });
    await list();
    render();
  };

  const togglePins = () => {
    const selected = host.cy.nodes(':selected');
    const pin = selected.toArray().some((n) => !(n as NodeSingular).locked());
    selected.forEach((n) => {
      if (pin) n.lock().addClass('pinned');
      else n.unlock().removeClass('pinned');
    });
    render();
  };

  const render = () => {
    const signedIn = host.me() != null;
    const name = h('input', {
      type: 'text',
      id: 'view-name',
      'data-testid': 'view-name',
      maxlength: 80,
      placeholder: t('views.namePlaceholder'),
    });
    const saveButton = h('button', { type: 'button', class: 'small', 'data-testid': 'view-save' }, t('views.save'));
    saveButton.addEventListener('click', () => {
      const text = name.value.trim();
      if (!text) {
        name.focus();
        return;
      }
      saveButton.disabled = true;
      save(text).catch((error: unknown) => {
        message = describeError(error);
        render();
      });
    });
    const pinned = host.cy.nodes(':locked').length;
    replaceChildren(
      section,
      h('h3', { class: 'section-title' }, t('views.title')),
      signedIn
        ? h(
            'div',
            { class: 'field' },
            h('label', { for: 'view-name', class: 'visually-hidden' }, t('views.namePlaceholder')),
            name,
            saveButton,
          )
        : h('p', { class: 'hint' }, t('views.signIn')),
      h(
        'button',
        { type: 'button', class: 'small', 'data-testid': 'view-pin', onclick: togglePins, title: t('views.pinHint') },
        t('views.pin', { n: pinned }),
      ),
      message ? h('p', { class: 'hint', role: 'status', 'data-testid': 'view-message' }, message) : null,
      lastLink
        ? h('input', {
            type: 'text',
            readonly: true,
            class: 'view-link',
            'data-testid': 'view-link',
            value: lastLink,
            'aria-label': t('views.link'),
          })
        : null,
      views.length > 0
        ? h(
            'ul',
            { class: 'plain saved-view-list', 'data-testid': 'saved-view-list' },
            ...views.map((view) =>
              h(
                'li',
                { 'data-id': view.id },
                h(
                  'button',
                  { type: 'button', class: 'link', 'data-testid': 'view-open', onclick: () => void openView(view.id, 'push') },
                  view.name,
                ),
                ' ',
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'small',
                    title: t('views.copy'),
                    onclick: () => void navigator.clipboard?.writeText(viewLink(view.id)).catch(() => {}),
                  },
                  t('views.copy'),
                ),
                ' ',
                h(
                  'button',
                  { type: 'button', class: 'small', 'data-testid': 'view-delete', onclick: () => void remove(view).catch(() => {}) },
                  t('views.delete'),
                ),
              ),
            ),
          )
        : null,
    );
  };

  const openView = async (id: string, mode: 'push' | 'replace'): Promise<boolean> => {
    try {
      const data = await gql(SavedViewByIdDocument, { id });
      if (!data.savedView) {
        host.notice(t('views.notFound'));
        return false;
      }
      pending = data.savedView;
      host.open(stateOfView(data.savedView, host.state()), mode);
      return true;
    } catch (error) {
      if (!isAbort(error)) host.notice(describeError(error));
      return false;
    }
  };

  /** Puts the opened view's nodes where they were, hides and pins them, and restores the zoom. */
  const place = (view: SavedView) => {
    const { cy } = host;
    cy.batch(() => {
      for (const p of view.positions) {
        const node = cy.getElementById(p.id);
        if (node.nonempty() && node.isNode() && !node.isParent()) node.position({ x: p.x, y: p.y });
      }
      for (const p of view.pinned) {
        const node = cy.getElementById(p.id);
        if (node.nonempty() && node.isNode()) node.position({ x: p.x, y: p.y }).lock().addClass('pinned');
      }
      const gone = cy.collection();
      for (const id of view.hidden) gone.merge(cy.getElementById(id));
      cy.remove(gone.union(gone.connectedEdges()));
    });
    for (const id of view.hidden) hidden.add(id);
    if (view.zoom != null) cy.viewport({ zoom: view.zoom, pan: { x: view.panX ?? 0, y: view.panY ?? 0 } });
    host.notice(view.missing.length > 0 ? t('views.missing', { n: view.missing.length, ids: view.missing.join('、') }) : null);
  };

  return {
    async openFromUrl() {
      const id = host.state().view;
      return id ? openView(id, 'replace') : false;
    },
    afterLoad() {
      hidden.clear();
      const view = pending;
      pending = null;
      if (view) place(view);
      message = null;
      list()
        .then(render)
        .catch(() => render());
    },
    refreshText: render,
  };
}
