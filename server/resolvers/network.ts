/** Cytoscape-ready elements: neighbourhood, shortest path, hierarchy tree, coverage lens. */
import { basisOf, type EntityObject, linkProperties, type Props, provenanceOf, toEntity } from '../../graph/entity-mapper.ts';
import { badInput, notFound } from '../../graph/errors.ts';
import type { GraphStore } from '../../graph/graph-store.ts';
import { isKind, KINDS, PAIRING_KINDS } from '../../schema/model.ts';
import { type PhraseLanguage, pathText, type StepWords, stepText } from '../../schema/path-phrases.ts';
import { dateArg, intInRange, relationshipTypesArg } from '../args.ts';
import type { GraphElements, PathLanguage, Resolvers } from '../generated/graphql.ts';
import { findArea } from '../services/areas.ts';
import { checkPathQuestion, type FoundPath, findPaths, type PathArgs, type PathEdge, shownName, stepsOf } from '../services/paths.ts';

interface NodeData {
  id: string;
  label: string;
  kind: string;
  synthetic?: boolean;
  basis?: string | null;
  pairing?: string | null;
  childCount?: number | null;
}
/** An edge as the viewer draws it: the same shape a path's edges have (services/paths.ts). */
type EdgeData = PathEdge;
interface ElementsRow {
  nodes: NodeData[];
  edges: EdgeData[];
  truncated: boolean;
}

/**
 * Wraps rows in Cytoscape's `{ data }` shape, one element per id. A stored basis the model does not
 * name becomes null (entity-mapper.ts basisOf), as it does on entities: the schema's Basis enum could
 * not send it.
 */
export function toElements(row: ElementsRow | undefined): GraphElements {
  const seen = new Set<string>();
  const nodes = (row?.nodes ?? []).filter((n) => n && !seen.has(n.id) && seen.add(n.id));
  const edges = (row?.edges ?? []).filter((e) => e && !seen.has(e.id) && seen.add(e.id));
  return {
    nodes: nodes.map((n) => ({
      data: {
        ...n,
        basis: basisOf(n.basis),
        synthetic: n.synthetic === true,
        category: isKind(n.kind) ? KINDS[n.kind].category : 'Place',
      },
    })),
    edges: edges.map((e) => ({ data: { ...e, basis: basisOf(e.basis) } })),
    truncated: row?.truncated ?? false,
  };
}

async function shortestPath(store: Pick<GraphStore, 'read'>, args: PathArgs) {
  const { maxLength, filter, self } = await checkPathQuestion(store, args);
  if (self) return { nodes: [self], edges: [] as EdgeData[] };
  // Unfiltered, the plain shortestPath (faster); filtered, a search that applies the filter at each step.
  const [row] = filter
    ? await store.read<{ nodes: Props[]; edges: EdgeData[] }>('network/shortest-path-filtered', { from: args.from, to: args.to, ...filter })
    : await store.read<{ nodes: Props[]; edges: EdgeData[] }>('network/shortest-path', { from: args.from, to: args.to });
  // The shortest path (searched to MAX_PATH_LENGTH steps): none within maxLength when it is longer.
  return row && row.edges.length <= maxLength ? row : null;
}

/** A found path as Cytoscape elements (nodes in path order). */
function pathToElements(found: Pick<FoundPath, 'nodes' | 'edges'>) {
  return toElements({
    nodes: found.nodes.map((n) => ({
      id: String(n.id),
      label: shownName(n),
      kind: String(n.kind),
      synthetic: n.synthetic === true,
      basis: (n.basis as string | undefined) ?? null,
    })),
    edges: found.edges,
    truncated: false,
  });
}

const language = (lang: PathLanguage | null | undefined): PhraseLanguage => (lang === 'EN' ? 'en' : 'zh');

/** One step of a `paths` answer, with the words its `text(lang)` is read from (codegen.ts maps PathStep to it). */
export interface PathStepObject {
  from: EntityObject;
  to: EntityObject;
  relationshipId: string;
  type: string;
  forward: boolean;
  words: StepWords;
}

/** One of `paths`' answers (codegen.ts maps PathAnswer to it): its `text(lang)` is its steps' words joined. */
export interface PathAnswerObject {
  length: number;
  elements: GraphElements;
  steps: PathStepObject[];
}

function pathAnswer(found: FoundPath): PathAnswerObject {
  return {
    length: found.edges.length,
    elements: pathToElements(found),
    steps: stepsOf(found).map((s) => ({
      from: toEntity(s.fromNode),
      to: toEntity(s.toNode),
      relationshipId: s.edge.id,
      type: s.type,
      forward: s.forward,
      words: s,
    })),
  };
}

export const networkResolvers = {
  Query: {
    paths: async (_root, args, { app }) => (await findPaths(app.store, args)).map(pathAnswer),
    subdistrictsOf: async (_root, { ids }, { app }) => {
      if (ids.length > 5000) throw badInput('ids', 'at most 5000');
      return app.store.read<{ id: string; subdistrictId: string; subdistrict: string }>('network/subdistricts-of', {
        ids: [...new Set(ids)],
      });
    },
    neighbourhood: async (_root, args, { app }) => {
      const [row] = await app.store.read<ElementsRow>('network/neighbourhood', {
        id: args.id,
        depth: intInRange('depth', args.depth, 1, 3),
        types: relationshipTypesArg('relationships', args.relationships),
        limit: intInRange('limit', args.limit, 1, 5000),
        asOf: dateArg('asOf', args.asOf),
      });
      // The query aggregates, so it answers even for an unknown id: with no nodes at all.
      if (!row || row.nodes.length === 0) throw notFound('id', args.id);
      return toElements(row);
    },
    path: async (_root, args, { app }) => {
      const found = await shortestPath(app.store, args);
      return found ? found.nodes.map(toEntity) : null;
    },
    pathElements: async (_root, args, { app }) => {
      const found = await shortestPath(app.store, args);
      return found ? pathToElements(found) : null;
    },
    hierarchy: async (_root, args, { app }) => {
      let root = await findArea(app.store, 'root', args.root);
      if (root.__typename !== 'Organization') {
        // A place: start from the organization that governs it.
        const [governing] = await app.store.read<{ id: string; total: number; items: { node: Props }[] }>('entity/list-related-in', {
          ids: [root.id],
          types: ['GOVERNS'],
          label: 'Entity',
          kinds: null,
          offset: 0,
          limit: 1,
        });
        const first = governing?.items[0];
        if (!first) throw notFound('root', args.root);
        root = toEntity(first.node);
      }
      const [row] = await app.store.read<ElementsRow>('network/hierarchy', {
        rootId: root.id,
        depth: intInRange('depth', args.depth, 1, 8),
        limit: intInRange('limit', args.limit, 1, 5000),
      });
      return toElements(row);
    },
    relationship: async (_root, { id }, { app }) => {
      const ends = /^(.+)\|[A-Z_]+\|(.+)$/.exec(id);
      const [row] = await app.store.read<{ type: string; link: Props; from: Props; to: Props }>('network/get-relationship', {
        id,
        from: ends?.[1] ?? null,
        to: ends?.[2] ?? null,
      });
      if (!row) return null;
      return {
        id,
        type: row.type,
        from: toEntity(row.from),
        to: toEntity(row.to),
        ...provenanceOf(row.link),
        properties: linkProperties(row.link),
      };
    },
    coverageElements: async (_root, args, { app }) => {
      const asOf = dateArg('asOf', args.asOf);
      const area = await findArea(app.store, 'area', args.area);
      const [row] = await app.store.read<ElementsRow>('network/coverage-elements', {
        areaId: area.id,
        targetLabel: PAIRING_KINDS[args.kind].to[0],
        kind: args.kind,
        asOf,
        limit: 5000,
      });
      return toElements(row);
    },
  },
  PathAnswer: {
    text: (answer, { lang }) =>
      pathText(
        answer.steps.map((s) => s.words),
        language(lang),
      ),
  },
  PathStep: {
    text: (step, { lang }) => stepText(step.words, language(lang)),
  },
} satisfies Resolvers;
