/**
 * Saved views (保存的视图): a viewer state with a name, kept on the server for the person who saved it
 * (keyed by their sign-in subject) and opened by anyone who may read, through its link. A view names
 * entities by their business ids only; opening it reports the ones the graph no longer holds
 * (cypher/fragments/view-missing.cypher). Views are the caller's records, not graph content: they are
 * not written to the change log, and any signed-in role may save its own (SAVED_VIEW_FIELD_POLICY).
 */
import { randomUUID } from 'node:crypto';
import type { MercuriusContext } from 'mercurius';
import type { Props } from '../../graph/entity-mapper.ts';
import { badInput, forbidden, notFound } from '../../graph/errors.ts';
import type { GraphStore } from '../../graph/graph-store.ts';
import { optionalDateArg } from '../args.ts';
import type { Permission, Principal } from '../auth/principal.ts';
import type { Resolvers, SavedView, SavedViewInput } from '../generated/graphql.ts';

/** The viewer's lenses (web/src/url-state.ts LENSES), the only values `lens` may take. */
export const VIEW_LENSES = ['hierarchy', 'network', 'coverage', 'overview', 'chains', 'path', 'audit'] as const;
/** Hidden or pinned nodes beyond this are not a view a person made by hand. */
export const MAX_VIEW_NODES = 500;
/** The node positions of a view: as many as a lens draws (coverageElements cuts at 5,000). */
export const MAX_VIEW_POSITIONS = 5000;
const MAX_NAME = 80;
const MAX_REF = 200;

/** Saving and deleting one's own views needs only `read`: every signed-in role may keep views. */
export const SAVED_VIEW_FIELD_POLICY = {
  Mutation: { saveView: 'read', deleteView: 'read' },
} satisfies Record<string, Record<string, Permission>>;

interface ViewRow {
  view: Props;
  missing: string[];
}

function ownerOf(context: MercuriusContext): Principal {
  if (!context.principal) throw forbidden('savedViews', 'sign in to keep views: a view belongs to the person who saved it');
  return context.principal;
}

const ref = (field: string, value: string | null | undefined) => {
  if (value == null || value === '') return null;
  if (value.length > MAX_REF) throw badInput(field, `at most ${MAX_REF} characters`);
  return value;
};

const finite = (field: string, value: number | null | undefined, min = -1e7, max = 1e7) => {
  if (value == null) return null;
  if (!Number.isFinite(value) || value < min || value > max) throw badInput(field, `must be a number from ${min} to ${max}`);
  return value;
};

/** The input checked field by field and turned into the node's properties (lists of scalars only). */
export function viewProps(input: SavedViewInput): Props {
  const name = input.name.trim();
  if (name.length === 0 || name.length > MAX_NAME) throw badInput('input.name', `must be 1–${MAX_NAME} characters`);
  if (!(VIEW_LENSES as readonly string[]).includes(input.lens)) throw badInput('input.lens', `must be one of ${VIEW_LENSES.join(', ')}`);
  const depth = input.depth ?? 1;
  if (!Number.isInteger(depth) || depth < 1 || depth > 3) throw badInput('input.depth', 'must be 1, 2 or 3');
  const hidden = [...new Set(input.hidden ?? [])];
  const pinned = input.pinned ?? [];
  if (hidden.length > MAX_VIEW_NODES) throw badInput('input.hidden', `at most ${MAX_VIEW_NODES} nodes`);
  if (pinned.length > MAX_VIEW_NODES) throw badInput('input.pinned', `at most ${MAX_VIEW_NODES} nodes`);
  const positions = input.positions ?? [];
  if (positions.length > MAX_VIEW_POSITIONS) throw badInput('input.positions', `at most ${MAX_VIEW_POSITIONS} nodes`);
  for (const id of hidden) ref('input.hidden', id);
  for (const [field, list] of [
    ['input.pinned', pinned],
    ['input.positions', positions],
  ] as const) {
    for (const p of list) {
      ref(`${field}.id`, p.id);
      finite(`${field}.x`, p.x);
      finite(`${field}.y`, p.y);
    }
  }
  const hiddenKinds = [...new Set(input.hiddenKinds ?? [])];
  if (hiddenKinds.length > 60 || hiddenKinds.some((k) => !/^[A-Za-z]{1,40}$/.test(k)))
    throw badInput('input.hiddenKinds', 'must be kind names');
  const since = optionalDateArg('input.since', input.since);
  const until = optionalDateArg('input.until', input.until);
  if (since && until && until < since) throw badInput('input.until', `must not be before since (${since})`);
  const compareFrom = optionalDateArg('input.compareFrom', input.compareFrom);
  const compareTo = optionalDateArg('input.compareTo', input.compareTo);
  if (compareFrom && compareTo && compareTo < compareFrom)
    throw badInput('input.compareTo', `must not be before compareFrom (${compareFrom})`);
  return {
    name,
    lens: input.lens,
    area: ref('input.area', input.area),
    focus: ref('input.focus', input.focus),
    pathFrom: ref('input.pathFrom', input.pathFrom),
    pathTo: ref('input.pathTo', input.pathTo),
    depth,
    asOf: optionalDateArg('input.asOf', input.asOf),
    since,
    until,
    compareFrom,
    compareTo,
    hiddenKinds,
    includeSynthetic: input.includeSynthetic === true,
    hidden,
    // Neo4j keeps lists of scalars, not of maps: the pins as three lists of one length.
    pinnedIds: pinned.map((p) => p.id),
    pinnedX: pinned.map((p) => p.x),
    pinnedY: pinned.map((p) => p.y),
    positionIds: positions.map((p) => p.id),
    positionX: positions.map((p) => p.x),
    positionY: positions.map((p) => p.y),
    zoom: finite('input.zoom', input.zoom, 0.01, 20),
    panX: finite('input.panX', input.panX),
    panY: finite('input.panY', input.panY),
  };
}

/** Three parallel lists (ids, x, y) back into points. */
function points(v: Props, prefix: 'pinned' | 'position') {
  const ids = (v[`${prefix}Ids`] as string[] | undefined) ?? [];
  const xs = (v[`${prefix}X`] as number[] | undefined) ?? [];
  const ys = (v[`${prefix}Y`] as number[] | undefined) ?? [];
  return ids.map((id, i) => ({ id, x: Number(xs[i]), y: Number(ys[i]) }));
}

const textOrNull = (value: unknown) => (value == null ? null : String(value));
const numberOrNull = (value: unknown) => (value == null ? null : Number(value));

export function savedViewObject(row: ViewRow, principal: Principal | null): SavedView {
  const v = row.view;
  return {
    id: String(v.id),
    name: String(v.name),
    mine: principal != null && v.owner === principal.subject,
    lens: String(v.lens),
    area: textOrNull(v.area),
    focus: textOrNull(v.focus),
    pathFrom: textOrNull(v.pathFrom),
    pathTo: textOrNull(v.pathTo),
    depth: Number(v.depth ?? 1),
    asOf: textOrNull(v.asOf),
    since: textOrNull(v.since),
    until: textOrNull(v.until),
    compareFrom: textOrNull(v.compareFrom),
    compareTo: textOrNull(v.compareTo),
    hiddenKinds: (v.hiddenKinds as string[] | undefined) ?? [],
    includeSynthetic: v.includeSynthetic === true,
    hidden: (v.hidden as string[] | undefined) ?? [],
    pinned: points(v, 'pinned'),
    positions: points(v, 'position'),
    zoom: numberOrNull(v.zoom),
    panX: numberOrNull(v.panX),
    panY: numberOrNull(v.panY),
    createdAt: String(v.createdAt),
    updatedAt: String(v.updatedAt),
    missing: row.missing,
  };
}

export async function saveView(
  store: Pick<GraphStore, 'write'>,
  principal: Principal,
  id: string | null | undefined,
  input: SavedViewInput,
) {
  const props = viewProps(input);
  const rows = await store.write((tx) =>
    tx.run<ViewRow>('views/save-view', {
      id: id ?? null,
      newId: `view-${randomUUID()}`,
      owner: principal.subject,
      ownerName: principal.name,
      props,
      now: new Date().toISOString(),
    }),
  );
  // Someone else's view (or none by that id) is not matched: saving it again is not this caller's to do.
  if (rows.length === 0) throw notFound('id', String(id));
  return savedViewObject(rows[0]!, principal);
}

export const savedViewResolvers = {
  Query: {
    savedViews: async (_root, _args, context) => {
      const principal = ownerOf(context);
      const rows = await context.app.store.read<ViewRow>('views/list-views', { owner: principal.subject });
      return rows.map((row) => savedViewObject(row, principal));
    },
    savedView: async (_root, args, context) => {
      const [row] = await context.app.store.read<ViewRow>('views/find-view', { id: args.id });
      return row ? savedViewObject(row, context.principal) : null;
    },
  },
  Mutation: {
    saveView: (_root, args, context) => saveView(context.app.store, ownerOf(context), args.id, args.input),
    deleteView: async (_root, args, context) => {
      const principal = ownerOf(context);
      const [row] = await context.app.store.write((tx) =>
        tx.run<{ deleted: boolean }>('views/delete-view', { id: args.id, owner: principal.subject }),
      );
      return row?.deleted === true;
    },
  },
} satisfies Resolvers;
