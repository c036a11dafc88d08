/**
 * Live updates (#19): the viewer listens for writes committed in the open area
 * (Subscription.changesCommitted over WebSocket, graphql-transport-ws) and, when one arrives, asks the
 * lens for its graph again and merges the answer into the graph on screen: positions, zoom, pan and
 * selection stay; new, changed and removed elements are marked for a moment (Cytoscape classes
 * live-added / live-changed / live-removed, drawn with an overlay) before the removed ones go.
 */
import type { Collection, ElementDefinition, NodeCollection } from 'cytoscape';
import { token } from './auth.ts';
import { ChangesCommittedDocument, type ChangesCommittedSubscription } from './generated/graphql.ts';
import { type GraphView, toDefinitions } from './graph-view.ts';
import type { GraphElements } from './queries.ts';

/** How long new, changed and removed elements stay marked. */
export const MARK_MS = 2_500;
const MARKS = ['live-added', 'live-changed', 'live-removed'] as const;
const OVERLAY: Record<(typeof MARKS)[number], string> = {
  'live-added': '#009e73',
  'live-changed': '#e69f00',
  'live-removed': '#d55e00',
};

export type CommittedChange = ChangesCommittedSubscription['changesCommitted']['changes'][number];

/**
 * One socket for the page, re-opened after a drop (1 s doubling to 30 s). `watch(area)` (re)subscribes
 * for the area shown; every announcement goes to `onChanges`.
 */
export function createLiveUpdates(onChanges: (changes: CommittedChange[]) => void) {
  let socket: WebSocket | null = null;
  let area: string | null | undefined;
  let subscribed: string | null = null;
  let sequence = 0;
  let backoff = 1_000;
  let ready = false;
  let stopped = false;

  const send = (message: object) => socket?.readyState === WebSocket.OPEN && socket.send(JSON.stringify(message));

  const subscribe = () => {
    if (!ready || area === undefined) return;
    if (subscribed) send({ id: subscribed, type: 'complete' });
    sequence += 1;
    subscribed = `live-${sequence}`;
    send({ id: subscribed, type: 'subscribe', payload: { query: ChangesCommittedDocument.toString(), variables: { area } } });
  };

  const open = () => {
    if (stopped) return;
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
    const ws = new WebSocket(url, 'graphql-transport-ws');
    socket = ws;
    ready = false;
    subscribed = null;
    ws.addEventListener('open', () => {
      // A pasted token travels in connection_init (a browser sets no headers on a socket); a session's
      // cookie came with the upgrade request.
      const bearer = token();
      ws.send(JSON.stringify({ type: 'connection_init', payload: bearer ? { authorization: `Bearer ${bearer}` } : {} }));
    });
    ws.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as { type: string; id?: string; payload?: unknown };
      if (message.type === 'connection_ack') {
        ready = true;
        backoff = 1_000;
        subscribe();
      } else if (message.type === 'ping') {
        send({ type: 'pong' });
      } else if (message.type === 'next' && message.id === subscribed) {
        const data = (message.payload as { data?: Partial<ChangesCommittedSubscription> }).data;
        if (data?.changesCommitted) onChanges(data.changesCommitted.changes);
      }
    });
    ws.addEventListener('close', () => {
      if (socket !== ws || stopped) return;
      socket = null;
      window.setTimeout(open, backoff);
      backoff = Math.min(backoff * 2, 30_000);
    });
  };

  return {
    /** Listens for the area shown (null: every change); opens the socket on first use. */
    watch(next: string | null) {
      if (next === area && socket) return;
      area = next;
      if (!socket) open();
      else subscribe();
    },
    /** Closes the socket (signed out). */
    stop() {
      stopped = true;
      socket?.close();
      socket = null;
    },
    /** Opens it again (signed in). */
    restart() {
      stopped = false;
      if (!socket) open();
    },
  };
}

const sameData = (a: Record<string, unknown>, b: Record<string, unknown>) => JSON.stringify(a) === JSON.stringify(b);

/** Marks elements for MARK_MS with a class and an overlay; `then` runs when the mark is taken off. */
function mark(eles: Collection, name: (typeof MARKS)[number], then?: () => void) {
  if (eles.empty()) return;
  eles.addClass(name).style({ 'overlay-color': OVERLAY[name], 'overlay-opacity': 0.35, 'overlay-padding': 8 });
  window.setTimeout(() => {
    eles.removeClass(name).removeStyle('overlay-color overlay-opacity overlay-padding');
    then?.();
  }, MARK_MS);
}

/**
 * Merges a lens's fresh answer into the graph on screen without laying it out again: elements no
 * longer in the answer are marked and then removed, changed ones take their new data (and parent),
 * new ones are added beside a neighbour already placed (or at the centre of the view).
 */
export function mergeInPlace(
  view: GraphView,
  elements: GraphElements | ElementDefinition[],
): { added: number; changed: number; removed: number } {
  const { cy } = view;
  const definitions = Array.isArray(elements) ? elements : toDefinitions(elements);
  const wanted = new Map(definitions.map((d) => [String(d.data.id), d]));
  let added = cy.collection();
  let changed = cy.collection();
  const removed = cy.elements().filter((ele) => !wanted.has(ele.id()) && !ele.hasClass('live-removed'));
  cy.batch(() => {
    for (const definition of definitions) {
      const id = String(definition.data.id);
      const existing = cy.getElementById(id);
      if (existing.empty()) continue;
      const data = { ...definition.data } as Record<string, unknown>;
      const current = existing.data() as Record<string, unknown>;
      const { parent, ...rest } = data;
      const { parent: currentParent, ...currentRest } = current;
      if (existing.isNode() && (parent ?? null) !== (currentParent ?? null)) {
        existing.move({ parent: (parent as string | undefined) ?? null });
        changed = changed.union(cy.getElementById(id));
      }
      if (!sameData(rest, Object.fromEntries(Object.keys(rest).map((k) => [k, currentRest[k]])))) {
        existing.data(rest);
        changed = changed.union(existing);
      }
    }
    const fresh = definitions.filter((d) => cy.getElementById(String(d.data.id)).empty());
    const has = (id: unknown) => !cy.getElementById(String(id)).empty() || fresh.some((d) => d.group === 'nodes' && d.data.id === id);
    const drawable = fresh.filter((d) => d.group === 'nodes' || (has(d.data.source) && has(d.data.target)));
    if (drawable.length > 0) added = cy.add(drawable);
  });
  placeNew(view, added.nodes());
  view.tuneForSize();
  mark(added, 'live-added');
  mark(changed, 'live-changed');
  mark(removed, 'live-removed', () => cy.remove(removed.filter((ele) => ele.inside() && !wanted.has(ele.id()))));
  return { added: added.length, changed: changed.length, removed: removed.length };
}

/** New nodes go next to a neighbour already on screen, else to the middle of the view. */
function placeNew(view: GraphView, nodes: NodeCollection) {
  const { cy } = view;
  const extent = cy.extent();
  const middle = { x: (extent.x1 + extent.x2) / 2, y: (extent.y1 + extent.y2) / 2 };
  nodes.forEach((node, i) => {
    if (!node.isNode() || node.isParent()) return;
    const anchor = node
      .neighborhood()
      .nodes()
      .filter((n) => !nodes.contains(n))[0];
    const parent = node.parent().nonempty()
      ? node
          .parent()[0]!
          .children()
          .filter((n) => !nodes.contains(n))[0]
      : undefined;
    const near = anchor ?? parent;
    const base = near ? near.position() : middle;
    const angle = (i * 2.4) % (2 * Math.PI);
    node.position({ x: base.x + 60 * Math.cos(angle), y: base.y + 60 * Math.sin(angle) });
  });
}
