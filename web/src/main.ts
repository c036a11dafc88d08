/**
 * The viewer's entry point: reads the view from the URL, builds the panels around one Cytoscape
 * instance, and loads the chosen lens whenever the view changes (tabs, search, date, filters, the
 * browser's back button).
 */
import './styles.css';
import { describeError, isAbort } from './api.ts';
import { clearToken, type Me, mayReadHistory, onUnauthorized, signedIn } from './auth.ts';
import { createCompare } from './compare-dates.ts';
import { createDetailsPanel, type DetailsAction } from './details-panel.ts';
import { createGraphView } from './graph-view.ts';
import { applyTranslations, lang, type MessageKey, setLang, t } from './i18n.ts';
import { installInteractions } from './interactions.ts';
import { createLegend } from './legend.ts';
import { createAuditLens } from './lenses/audit/audit.ts';
import { createChainsLens } from './lenses/chains/chains.ts';
import { createCoverageLens } from './lenses/coverage/coverage.ts';
import { createDashboardLens } from './lenses/dashboard/dashboard.ts';
import { createHierarchyLens } from './lenses/hierarchy/hierarchy.ts';
import type { Lens, LensContext } from './lenses/lens.ts';
import { createNetworkLens } from './lenses/network/network.ts';
import { createOverviewLens } from './lenses/overview/overview.ts';
import { createPathLens } from './lenses/path/path.ts';
import { createRankingLens } from './lenses/ranking/ranking.ts';
import { type CommittedChange, createLiveUpdates, mergeInPlace } from './live-updates.ts';
import { type AreaOption, districtAreas } from './queries.ts';
import { createSavedViews } from './saved-views.ts';
import { createSearchBox } from './search-box.ts';
import { createSignIn, renderUserBadge, whoAmI } from './sign-in.ts';
import { createStore } from './state.ts';
import { createStatus } from './status.ts';
import { createTimeBar } from './time-bar.ts';
import { createToolbar } from './toolbar.ts';
import { LENSES, type LensId, readState, syncUrl, type ViewState } from './url-state.ts';

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/** The one store of the view's state (state.ts); the address bar follows it (syncUrl). */
const store = createStore<ViewState>(readState());
syncUrl(store);
/** The current state, for reading here; every change goes through the store. */
let state = store.get();
store.subscribe((next) => {
  state = next;
});
setLang(state.lang);
applyTranslations(document.body);

const view = createGraphView(byId('cy'));
// As in Cytoscape's demos: the instance is reachable from the console (and the browser tests).
(window as unknown as { cy: unknown }).cy = view.cy;

const status = createStatus(byId('status'));
const notice = byId('notice');
const controls = byId('lens-controls');
const summary = byId('lens-summary');
const minimap = byId('minimap');
const lenses: Record<LensId, Lens> = {
  dashboard: createDashboardLens(),
  hierarchy: createHierarchyLens(),
  network: createNetworkLens(),
  coverage: createCoverageLens(),
  overview: createOverviewLens(),
  ranking: createRankingLens(),
  chains: createChainsLens(),
  path: createPathLens(),
  audit: createAuditLens(),
};
const currentLens = () => lenses[state.lens];

let districtsPromise: Promise<AreaOption[]> | null = null;
let controller = new AbortController();
/** Who is signed in; null in the demo mode, where the server lets anonymous callers read. */
let me: Me | null = null;
let context: LensContext = makeContext();
/** A node to select once the lens has loaded (an entity opened from the search). */
let pendingSelect: string | null = null;

function showNotice(text: string | null) {
  notice.hidden = text == null;
  notice.textContent = text ?? '';
}

function makeContext(): LensContext {
  return {
    get state() {
      return store.get();
    },
    view,
    status,
    signal: controller.signal,
    controls,
    summary,
    navigate,
    remember(patch) {
      store.update(patch, 'replace');
    },
    selectNode,
    notice: showNotice,
    districts() {
      districtsPromise ??= districtAreas(state.syn).catch((error: unknown) => {
        districtsPromise = null;
        throw error;
      });
      return districtsPromise;
    },
    me: () => me,
  };
}

/** Selects a node and shows its details; `move` centres the view on it (a search result far away). */
function selectNode(id: string, move = true) {
  const node = view.node(id);
  view.cy.elements().unselect();
  if (node) {
    node.select();
    if (move) view.cy.animate({ center: { eles: node }, zoom: Math.max(view.cy.zoom(), 1) }, { duration: 300 });
  }
  void details.showNode(id, { pairing: node?.data('pairing') });
}

/** Changes the view. Filters and language apply in place; anything else loads the lens again. */
function navigate(patch: Partial<ViewState>, mode: 'push' | 'replace' = 'push') {
  const appliesInPlace = (changed: (keyof ViewState)[]) => changed.every((key) => key === 'hide' || key === 'lang');
  const changed = store.update(patch, (keys) => (appliesInPlace(keys) ? 'replace' : mode));
  if (changed.length === 0) return;
  const inPlace = appliesInPlace(changed);
  if (changed.includes('syn')) districtsPromise = null;
  if (changed.includes('lang')) applyLanguage();
  if (changed.includes('hide')) applyFilters();
  if (!inPlace) void load();
}

function applyFilters() {
  legend.apply(state.hide);
  const visible = view.cy.nodes().filter((n) => !n.hasClass('filtered'));
  if (view.cy.nodes().nonempty() && visible.empty()) status.empty(t('empty.filtered'));
  else if (status.state === 'empty' && byId('status').textContent?.includes(t('empty.filtered'))) status.clear();
}

function renderTabs() {
  const tabs = byId('lens-tabs');
  tabs.replaceChildren(
    ...LENSES.map((id) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.setAttribute('role', 'tab');
      button.setAttribute('aria-selected', String(id === state.lens));
      button.dataset.lens = id;
      // One tab stop for the tablist; the arrow keys move between tabs (WAI-ARIA tabs pattern).
      button.tabIndex = id === state.lens ? 0 : -1;
      button.textContent = t(`lens.${id}` as MessageKey);
      button.addEventListener('click', () => navigate({ lens: id }));
      return button;
    }),
  );
}

/** ←/→ (and Home/End) in the lens tabs: the next tab is chosen and keeps the focus. */
const TAB_KEYS: Record<string, (i: number) => number> = {
  ArrowRight: (i) => (i + 1) % LENSES.length,
  ArrowLeft: (i) => (i - 1 + LENSES.length) % LENSES.length,
  Home: () => 0,
  End: () => LENSES.length - 1,
};

function onTabKey(event: KeyboardEvent) {
  const step = TAB_KEYS[event.key];
  if (!step) return;
  event.preventDefault();
  const next = LENSES[step(LENSES.indexOf(state.lens))]!;
  navigate({ lens: next });
  byId('lens-tabs').querySelector<HTMLButtonElement>(`[data-lens="${next}"]`)?.focus();
}

function renderChrome() {
  renderTabs();
  byId('graph-hint').textContent = currentLens().hint();
  byId<HTMLInputElement>('as-of').value = state.asOf ?? new Date().toISOString().slice(0, 10);
  byId<HTMLInputElement>('include-synthetic').checked = state.syn;
  byId('lang-switch').textContent = t('lang.switch');
  byId('lang-switch').setAttribute('lang', lang() === 'zh-CN' ? 'en' : 'zh-CN');
}

async function load() {
  controller.abort();
  controller = new AbortController();
  context = makeContext();
  const lens = currentLens();
  status.loading(t('status.loading'));
  renderChrome();
  showNotice(null);
  for (const other of Object.values(lenses)) if (other !== lens) other.leave?.(context);
  summary.replaceChildren();
  details.clear();
  interactions.refreshMenus();
  lens.renderControls(context);
  const signal = controller.signal;
  try {
    await lens.load(context);
    if (signal.aborted) return;
    applyFilters();
    // A chosen search result, or the entity a ?focus= link names: selected, centred, its details open.
    // A ?focus= link's entity is already where the network lens drew it: selected in place, not moved to.
    if (pendingSelect) selectNode(pendingSelect);
    else if (state.lens === 'network' && state.focus) selectNode(state.focus, false);
    pendingSelect = null;
    live.watch(state.area ?? null);
    timeBar.update();
    compare.update();
    savedViews.afterLoad();
  } catch (error) {
    if (isAbort(error) || signal.aborted) return;
    status.error(describeError(error), () => void load());
  }
}

/** The view a lens is given to redraw in place (live updates, the time bar): merged, never laid out again. */
function inPlaceView(onMerged: (counts: ReturnType<typeof mergeInPlace>) => void) {
  return {
    ...view,
    async replace(elements: Parameters<typeof view.replace>[0]) {
      onMerged(mergeInPlace(view, elements));
    },
    runLayout: async () => ({ name: 'none', elements: 0, layoutMs: 0, firstFrameMs: 0 }),
    relayout: async () => null,
  };
}

/**
 * The time bar's step: the open lens as of another day, redrawn in place (colours and counts; the
 * layout, zoom and selection stay). The day goes to the URL and the date field.
 */
async function redrawAt(asOf: string) {
  context.remember({ asOf: asOf === new Date().toISOString().slice(0, 10) ? null : asOf });
  byId<HTMLInputElement>('as-of').value = asOf;
  const signal = controller.signal;
  await currentLens().load({ ...context, view: inPlaceView(() => {}), status: { ...status, loading() {} } });
  if (signal.aborted) return;
  applyFilters();
  compare.update();
}

/** Whether a live refresh is running, and whether another announcement came meanwhile. */
let refreshing = false;
let refreshAgain = false;

/**
 * A write committed in the open area (live-updates.ts): the lens asks for its graph again and the
 * answer is merged into the graph on screen (no layout, no loading screen; selection and zoom stay).
 */
async function refreshLive(changes: CommittedChange[]) {
  if (refreshing) {
    refreshAgain = true;
    return;
  }
  refreshing = true;
  const signal = controller.signal;
  let counts = { added: 0, changed: 0, removed: 0 };
  const liveView = inPlaceView((merged) => {
    counts = merged;
  });
  const quiet = { ...status, loading() {} };
  try {
    await currentLens().load({ ...context, view: liveView, status: quiet });
    if (signal.aborted) return;
    applyFilters();
    showNotice(t('live.updated', { n: changes.length, added: counts.added, changed: counts.changed, removed: counts.removed }));
    const selected = view.cy.nodes(':selected')[0];
    if (selected && changes.some((c) => c.entityId === selected.id()))
      void details.showNode(selected.id(), { pairing: selected.data('pairing') });
  } catch (error) {
    if (!isAbort(error) && !signal.aborted) showNotice(t('live.failed', { detail: describeError(error) }));
  } finally {
    refreshing = false;
    if (refreshAgain) {
      refreshAgain = false;
      void refreshLive([]);
    }
  }
}

const live = createLiveUpdates((changes) => void refreshLive(changes));

function applyLanguage() {
  setLang(state.lang);
  renderChrome();
  toolbar.render();
  search.refreshText();
  currentLens().renderControls(context);
  currentLens().renderSummary(context);
  legend.render();
  timeBar.refreshText();
  compare.refreshText();
  savedViews.refreshText();
  renderUser();
  details.refreshText();
  interactions.refreshMenus();
  view.refreshCaptions();
}

function onDetailsAction(action: DetailsAction, id: string, name?: string) {
  switch (action) {
    case 'centre':
      navigate({ lens: 'network', focus: id });
      break;
    case 'hierarchy':
      navigate({ lens: 'hierarchy', area: id });
      break;
    case 'coverage':
      navigate({ lens: 'coverage', area: id });
      break;
    case 'pathFrom':
    case 'pathTo': {
      const end = action === 'pathFrom' ? 'from' : 'to';
      const other = end === 'from' ? state.to : state.from;
      if (other && other !== id) {
        navigate({ lens: 'path', [end]: id });
      } else {
        context.remember({ [end]: id });
        const label = name ?? view.node(id)?.data('label') ?? id;
        showNotice(t(end === 'from' ? 'path.fromSet' : 'path.toSet', { name: label }));
      }
      break;
    }
    case 'select':
      selectNode(id);
      break;
  }
}

const timeBar = createTimeBar(byId('cy'), { state: () => state, redraw: redrawAt, signal: () => controller.signal });
const compare = createCompare(timeBar.element, byId('details'), {
  state: () => state,
  cy: view.cy,
  remember: (patch) => context.remember(patch),
  selectNode: (id) => selectNode(id),
  mayReadHistory: () => mayReadHistory(me),
  signal: () => controller.signal,
});
const savedViews = createSavedViews(byId('lens-controls').parentElement!, {
  state: () => state,
  cy: view.cy,
  me: () => me,
  open(next, mode) {
    store.replace(next, mode);
    districtsPromise = null;
    void load();
  },
  notice: (text) => showNotice(text),
});
const details = createDetailsPanel(byId('details'), (action, entity) => onDetailsAction(action, entity.id, entity.name));
const legend = createLegend(byId('legend'), view.cy, { hidden: () => state.hide, onChange: (hide) => navigate({ hide }) });
const toolbar = createToolbar(byId('toolbar'), view, { lens: () => state.lens, minimap });
const interactions = installInteractions(view, {
  details,
  lens: currentLens,
  context: () => context,
  onAction: (action, id) => onDetailsAction(action, id),
  onError: (message) => status.error(message, () => status.clear()),
});
const search = createSearchBox(byId('main-search'), {
  includeSynthetic: () => state.syn,
  testId: 'search',
  onPick: (entity) => {
    pendingSelect = entity.id;
    if (state.lens === 'network' && state.focus === entity.id) selectNode(entity.id);
    else navigate({ lens: 'network', focus: entity.id });
  },
});
// The navigator only takes its container as a selector (an element makes it add its own to <body>).
view.cy.navigator({ container: '#minimap', viewLiveFramerate: 0, rerenderDelay: 400, removeCustomContainer: false });

// Counts in the network and hierarchy summaries follow expansions, hiding and undo.
view.cy.on('afterDo afterUndo afterRedo', () => {
  if (state.lens === 'network' || state.lens === 'hierarchy') currentLens().renderSummary(context);
});

byId('lens-tabs').addEventListener('keydown', onTabKey);
byId('lang-switch').addEventListener('click', () => navigate({ lang: lang() === 'zh-CN' ? 'en' : 'zh-CN' }, 'replace'));
byId<HTMLInputElement>('as-of').addEventListener('change', (event) => {
  const value = (event.target as HTMLInputElement).value;
  navigate({ asOf: value && value !== new Date().toISOString().slice(0, 10) ? value : null });
});
byId('as-of-today').addEventListener('click', () => navigate({ asOf: null }));
byId<HTMLInputElement>('include-synthetic').addEventListener('change', (event) =>
  navigate({ syn: (event.target as HTMLInputElement).checked }),
);
window.addEventListener('popstate', () => {
  const next = readState();
  const langChanged = next.lang !== state.lang;
  store.replace(next, 'replace');
  if (langChanged) applyLanguage();
  void load();
});

function renderUser() {
  renderUserBadge(byId('user'), me, () => {
    clearToken();
    me = null;
    live.stop();
    controller.abort();
    view.clear();
    signIn.show(null);
  });
}

const signIn = createSignIn({
  onSignedIn(who) {
    me = who;
    districtsPromise = null;
    live.restart();
    renderUser();
    void load();
  },
});

// Any 401 (an expired or refused token, or none where one is needed) brings the sign-in screen back.
onUnauthorized(() => {
  // Signed in before (a pasted token or a password session): say that it ended, not only ask again.
  const hadSignIn = signedIn();
  clearToken();
  live.stop();
  controller.abort();
  me = null;
  byId('user').replaceChildren();
  signIn.show(hadSignIn ? 'signin.expired' : null);
});

/** Asks the server who is signed in (or whether it lets anonymous callers read) before the first view. */
async function start() {
  try {
    me = await whoAmI();
  } catch (error) {
    // A 401 has already opened the sign-in screen; anything else shows in the graph area.
    if (!signIn.visible) status.error(describeError(error), () => void start());
    return;
  }
  renderUser();
  // A shared link to a saved view (?view=…) opens that view (and loads it).
  if (!(await savedViews.openFromUrl())) await load();
}

void start();
