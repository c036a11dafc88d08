/**
 * Alternative connections between two entities (issue #20): the k shortest paths, shortest first, each
 * with its steps read from the entity the walk leaves (schema/path-phrases.ts gives the words). Used by
 * the API's `paths` and by the path export, so the file lists exactly what the viewer shows.
 */
import type { Props } from '../../graph/entity-mapper.ts';
import { notFound } from '../../graph/errors.ts';
import type { GraphStore } from '../../graph/graph-store.ts';
import type { StepWords } from '../../schema/path-phrases.ts';
import { intInRange, kindsArg, relationshipTypesArg } from '../args.ts';

export interface PathEdge {
  id: string;
  source: string;
  target: string;
  label: string;
  basis?: string | null;
  status?: string | null;
}

export interface FoundPath {
  nodes: Props[];
  edges: PathEdge[];
}

/** A question about the connections between two entities: `path`, `pathElements` and `paths` ask it. */
export interface PathArgs {
  from: string;
  to: string;
  maxLength: number;
  relationships?: string[] | null;
  excludeKinds?: string[] | null;
}

export interface PathsArgs extends PathArgs {
  k: number;
}

/** The longest path any path question looks for: each step more costs the search more. */
export const MAX_PATH_LENGTH = 10;

/**
 * What every path question checks before it searches, in one place for `path`, `pathElements` and
 * `paths` (the SDL repeats their arguments; this is the rule): maxLength 1–MAX_PATH_LENGTH, the
 * filters known (BAD_USER_INPUT naming the argument), both ends stored (NOT_FOUND naming `from` or
 * `to`). `filter` is null when nothing is filtered (the plain search is faster); `self` is the entity
 * when both ends are it (a path of no steps, no search).
 */
export async function checkPathQuestion(store: Pick<GraphStore, 'read'>, args: PathArgs) {
  const maxLength = intInRange('maxLength', args.maxLength, 1, MAX_PATH_LENGTH);
  const filtered = args.relationships != null || (args.excludeKinds != null && args.excludeKinds.length > 0);
  const types = relationshipTypesArg('relationships', args.relationships);
  const exclude = kindsArg('excludeKinds', args.excludeKinds) ?? [];
  const found = await store.read<{ id: string; node: Props }>('entity/get-entities', { ids: [args.from, args.to] });
  for (const [field, id] of [['from', args.from] as const, ['to', args.to] as const]) {
    if (!found.some((r) => r.id === id)) throw notFound(field, id);
  }
  return {
    maxLength,
    filter: filtered ? { types, exclude } : null,
    self: args.from === args.to ? found[0]!.node : null,
  };
}

/** The most alternatives asked for at once: each one more costs the search more. */
export const MAX_ALTERNATIVES = 5;

/** An entity's name as the viewer shows it (the district-qualified display name where there is one). */
export const shownName = (node: Props): string => String(node.displayName ?? node.name ?? node.id);

/**
 * Up to k paths from `from` to `to`, shortest first (equal lengths in a stable order: by the ids along
 * them), none longer than maxLength. Unknown ends are NOT_FOUND naming the argument; bad filters
 * BAD_USER_INPUT, before any search.
 */
export async function findPaths(store: Pick<GraphStore, 'read'>, args: PathsArgs): Promise<FoundPath[]> {
  const k = intInRange('k', args.k, 1, MAX_ALTERNATIVES);
  const { maxLength, filter, self } = await checkPathQuestion(store, args);
  if (self) return [{ nodes: [self], edges: [] }];
  const rows = filter
    ? await store.read<FoundPath>('network/shortest-paths-filtered', { from: args.from, to: args.to, ...filter })
    : await store.read<FoundPath>('network/shortest-paths', { from: args.from, to: args.to });
  const key = (p: FoundPath) => p.edges.map((e) => e.id).join(' ');
  // SHORTEST finds trails (no relationship twice), which may pass an entity twice (v1 → 街道 → 区 → 党工委
  // → 街道 → v3): a detour, never an alternative a planner would take, so only simple paths are kept.
  const simple = (p: FoundPath) => new Set(p.nodes.map((n) => n.id)).size === p.nodes.length;
  return rows
    .filter((p) => p.edges.length <= maxLength && simple(p))
    .sort((a, b) => a.edges.length - b.edges.length || key(a).localeCompare(key(b)))
    .slice(0, k);
}

/** A path's steps: each from one node to the next, along the edge between them, forward or backward. */
export function stepsOf(path: FoundPath): (StepWords & { fromNode: Props; toNode: Props; edge: PathEdge })[] {
  return path.edges.map((edge, i) => {
    const fromNode = path.nodes[i]!;
    const toNode = path.nodes[i + 1]!;
    return {
      fromNode,
      toNode,
      edge,
      from: shownName(fromNode),
      to: shownName(toNode),
      type: edge.label,
      forward: edge.source === String(fromNode.id),
    };
  });
}
