/** Search, lookup by id, kinds, and what every entity type shares (claims, provenance). */
import type { FastifyInstance } from 'fastify';
import { type EntityObject, type Props, provenanceOf, toEntity } from '../../graph/entity-mapper.ts';
import { badInput } from '../../graph/errors.ts';
import { KIND_NAMES, KINDS } from '../../schema/model.ts';
import { intInRange, kindsArg, MAX_PAGE, nonBlank } from '../args.ts';
import { batchedLoader } from '../batched.ts';
import type { Resolvers } from '../generated/graphql.ts';
import { phraseQuery, rankHits, type SearchHit, searchWords, tooShortForFullText } from '../search-text.ts';
import { showSynthetic } from '../services/areas.ts';
import { claimObject } from '../services/claims.ts';

/** How many candidates each way of searching brings for ranking (at most 100 are answered). */
const SEARCH_CANDIDATES = 300;

export const ENTITY_TYPES = [
  'Organization',
  'Alliance',
  'Place',
  'Unit',
  'IndustryChain',
  'LeadershipRole',
  'Person',
  'ServiceSite',
  'Honour',
];

/**
 * Which type an Entity is. Apart from entityResolvers because Mercurius reads an interface's type from
 * `resolveType` (graphql-js's name), where the generated Resolvers type calls it `__resolveType`.
 */
export const entityTypeResolvers = {
  Entity: {
    resolveType: (obj: EntityObject) => obj.__typename,
  },
};

export const entityResolvers = {
  Query: {
    search: async (_root, args, context) => {
      const text = nonBlank('text', args.text);
      if (text.length > 200) throw badInput('text', 'must be at most 200 characters');
      const first = intInRange('first', args.first, 1, 100);
      const words = searchWords(text);
      const common = { text, kinds: kindsArg('kinds', args.kinds), includeSynthetic: showSynthetic(args), candidates: SEARCH_CANDIDATES };
      const tried: string[] = [];
      const hits = new Map<string, SearchHit & { node: Props }>();
      const add = (rows: { node: Props; score: number }[]) => {
        for (const { node, score } of rows) {
          const id = node.id as string;
          const known = hits.get(id);
          if (!known || known.score < score)
            hits.set(id, { node, score, id, name: node.name as string, nameEn: node.nameEn as string | undefined });
        }
      };
      const query = phraseQuery(words);
      if (query) {
        tried.push('fulltext');
        add(await context.app.store.read<{ node: Props; score: number }>('search/search-entities', { ...common, query }));
      }
      // A word of one character has no term in the index; and a word inside a name may not be a
      // phrase of its bigrams (a name split by punctuation): names containing the words, then.
      const short = words.filter(tooShortForFullText);
      if (short.length || hits.size === 0) {
        tried.push('contains');
        add(
          await context.app.store.read<{ node: Props; score: number }>('search/search-names-containing', {
            ...common,
            words: hits.size ? short : words,
          }),
        );
      }
      if (hits.size === 0) context.searchTried = { text, tried };
      return rankHits([...hits.values()], text, words)
        .slice(0, first)
        .map((hit) => toEntity(hit.node));
    },
    entity: async (_root, { id }, { app }) => {
      const [row] = await app.store.read<{ node: Props }>('entity/get-entities', { ids: [id] });
      return row ? toEntity(row.node) : null;
    },
    entities: async (_root, { ids }, { app }) => {
      // Each id once (in the order first asked): a repeated id never multiplies the answer.
      const distinct = [...new Set(ids)];
      if (distinct.length > MAX_PAGE) throw badInput('ids', `at most ${MAX_PAGE} ids`);
      const rows = await app.store.read<{ node: Props }>('entity/get-entities', { ids: distinct });
      return rows.map((r) => toEntity(r.node));
    },
    kinds: async (_root, _args, { app }) => {
      const rows = await app.store.read<{ kind: string; count: number }>('graph/count-kinds');
      const counts = new Map(rows.map((r) => [r.kind, r.count]));
      return KIND_NAMES.map((name) => ({ name, category: KINDS[name].category, zh: KINDS[name].zh, count: counts.get(name) ?? 0 }));
    },
  },
} satisfies Resolvers;

interface PositionItem {
  person: Props;
  link: Props;
  at: Props;
}

const positionsLoader = batchedLoader<unknown, PositionItem, unknown[]>('entity/list-positions', (items) =>
  items.map((item) => ({
    person: toEntity(item.person),
    title: (item.link.title as string | undefined) ?? null,
    asOf: (item.link.asOf as string | undefined) ?? null,
    at: toEntity(item.at),
    ...provenanceOf(item.link),
  })),
);

/** Loaders every entity type shares. */
export function entityLoaders() {
  const claims = batchedLoader<unknown, Props, unknown[]>(
    'entity/list-claims',
    (items, parent) => items.map((c) => claimObject(c, parent)),
    () => ({ asOf: new Date().toISOString().slice(0, 10), history: false }),
  );
  const loaders: Record<string, Record<string, unknown>> = Object.fromEntries(ENTITY_TYPES.map((type) => [type, { claims }]));
  loaders.Organization!.people = positionsLoader;
  loaders.Person!.positions = positionsLoader;
  return loaders;
}

declare module 'mercurius' {
  interface MercuriusContext {
    /** A search that found nothing, and the ways it tried (answered in extensions.search). */
    searchTried?: { text: string; tried: string[] };
  }
}

/** A search that found nothing says what it tried, in the answer's extensions (`search.tried`). */
export function reportSearchTried(app: FastifyInstance) {
  app.graphql.addHook('onResolution', async (execution, context) => {
    if (context.searchTried) execution.extensions = { ...execution.extensions, search: context.searchTried };
  });
}
