/** Search, lookup by id, kinds, and what every entity type shares (claims, provenance). */
import type { IResolvers } from 'mercurius';
import { KIND_NAMES, KINDS } from '../../schema/model.ts';
import { intInRange, kindsArg, MAX_PAGE, nonBlank } from '../args.ts';
import { batchedLoader } from '../batched.ts';
import { type EntityObject, type Props, provenanceOf, toEntity } from '../entity-mapper.ts';
import { badInput } from '../errors.ts';
import { claimObject } from './claims.ts';

/** Lucene's query syntax characters, escaped so a user's text is searched as text. */
const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

export const ENTITY_TYPES = ['Organization', 'Alliance', 'Place', 'Unit', 'IndustryChain', 'LeadershipRole', 'Person', 'ServiceSite'];

export const entityResolvers: IResolvers = {
  Entity: {
    resolveType: (obj: EntityObject) => obj.__typename,
  },
  Query: {
    search: async (_root, args: { text: string; kinds?: string[] | null; first: number; includeSynthetic: boolean }, { app }) => {
      const text = nonBlank('text', args.text);
      if (text.length > 200) throw badInput('text', 'must be at most 200 characters');
      const rows = await app.store.read<{ node: Props }>('search/search-entities', {
        query: text.replace(LUCENE_SPECIAL, '\\$&'),
        text,
        kinds: kindsArg('kinds', args.kinds),
        includeSynthetic: args.includeSynthetic,
        first: intInRange('first', args.first, 1, 100),
      });
      return rows.map((r) => toEntity(r.node));
    },
    entity: async (_root, { id }: { id: string }, { app }) => {
      const [row] = await app.store.read<{ node: Props }>('entity/get-entities', { ids: [id] });
      return row ? toEntity(row.node) : null;
    },
    entities: async (_root, { ids }: { ids: string[] }, { app }) => {
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
};

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
