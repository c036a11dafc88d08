/** Pairing coverage (结对覆盖率): the GraphQL adapters over services/coverage.ts. */
import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import type { MercuriusContext } from 'mercurius';
import { dateArg } from '../args.ts';
import type { Resolvers } from '../generated/graphql.ts';
import { entityConnection, pageArgs } from '../paging.ts';
import { areaCoverage, type CoverageObject, childCoverages, unpairedPage } from '../services/coverage.ts';

/**
 * The fields of an entity answered from its identity alone (id, name, kind, synthetic: what
 * coverage/compute-coverage projects without $full; graph/entity-mapper.ts toEntity reads nothing else
 * for them). A question asking no other field of its areas and unpaired targets has only those read.
 */
const IDENTITY_FIELDS = new Set(['__typename', 'id', 'name', 'kind', 'synthetic']);
/** An unpaired connection's own fields that read nothing of the entity (an edge's sources are the node's). */
const CONNECTION_FIELDS = new Set(['__typename', 'totalCount', 'pageInfo']);
const EDGE_FIELDS = new Set(['__typename', 'cursor', 'relationship']);

type Fragments = GraphQLResolveInfo['fragments'];

/** The fields of a selection set, through fragment spreads and inline fragments (every one, skipped or not: a superset is safe). */
function fieldsOf(set: SelectionSetNode | undefined, fragments: Fragments): FieldNode[] {
  return (set?.selections ?? []).flatMap((s) => {
    if (s.kind === 'Field') return [s];
    const inner = s.kind === 'FragmentSpread' ? (fragments[s.name.value] as FragmentDefinitionNode | undefined) : s;
    return fieldsOf(inner?.selectionSet, fragments);
  });
}

const identityOnly = (set: SelectionSetNode | undefined, fragments: Fragments) =>
  fieldsOf(set, fragments).every((f) => IDENTITY_FIELDS.has(f.name.value));

function connectionIdentityOnly(set: SelectionSetNode | undefined, fragments: Fragments): boolean {
  return fieldsOf(set, fragments).every((f) => {
    if (CONNECTION_FIELDS.has(f.name.value)) return true;
    if (f.name.value === 'nodes') return identityOnly(f.selectionSet, fragments);
    if (f.name.value !== 'edges') return false;
    return fieldsOf(f.selectionSet, fragments).every(
      (e) => EDGE_FIELDS.has(e.name.value) || (e.name.value === 'node' && identityOnly(e.selectionSet, fragments)),
    );
  });
}

/** Whether a Coverage selection asks nothing of its area, byArea areas and unpaired targets but their identity. */
function coverageIdentityOnly(set: SelectionSetNode | undefined, fragments: Fragments): boolean {
  return fieldsOf(set, fragments).every((f) => {
    if (f.name.value === 'area') return identityOnly(f.selectionSet, fragments);
    if (f.name.value === 'unpaired') return connectionIdentityOnly(f.selectionSet, fragments);
    if (f.name.value === 'byArea') return coverageIdentityOnly(f.selectionSet, fragments);
    // Figures, kind, date, and fields that read only the area's id (pairings).
    return true;
  });
}

export const coverageResolvers = {
  Query: {
    pairingCoverage: (_root, args, { app }, info) =>
      areaCoverage(
        app.store,
        { ...args, asOf: dateArg('asOf', args.asOf) },
        info.fieldNodes.every((f) => coverageIdentityOnly(f.selectionSet, info.fragments)),
      ),
  },
  Coverage: {
    unpaired: async (coverage, args, { app }) => {
      const page = pageArgs(args);
      const { items, total } = await unpairedPage(app.store, coverage, page);
      return entityConnection(items, total, page, 'PART_OF');
    },
  },
} satisfies Resolvers;

export function coverageLoaders() {
  return {
    Coverage: {
      byArea: (queries: { obj: CoverageObject }[], { app }: MercuriusContext) =>
        childCoverages(
          app.store,
          queries.map(({ obj }) => obj),
        ),
    },
  };
}
