/** Pairing coverage (结对覆盖率): the GraphQL adapters over services/coverage.ts. */
import type { FieldNode, SelectionSetNode } from 'graphql';
import type { MercuriusContext } from 'mercurius';
import { dateArg } from '../args.ts';
import { gather, type Walk } from '../compiled/plan.ts';
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

/** The fields of a selection set, through fragment spreads and inline fragments (the compiled read path's walk). */
const fieldsOf = (set: SelectionSetNode | undefined, walk: Walk): FieldNode[] => gather(walk, set, null).map((s) => s.node);

const identityOnly = (set: SelectionSetNode | undefined, walk: Walk) => fieldsOf(set, walk).every((f) => IDENTITY_FIELDS.has(f.name.value));

function connectionIdentityOnly(set: SelectionSetNode | undefined, walk: Walk): boolean {
  return fieldsOf(set, walk).every((f) => {
    if (CONNECTION_FIELDS.has(f.name.value)) return true;
    if (f.name.value === 'nodes') return identityOnly(f.selectionSet, walk);
    if (f.name.value !== 'edges') return false;
    return fieldsOf(f.selectionSet, walk).every(
      (e) => EDGE_FIELDS.has(e.name.value) || (e.name.value === 'node' && identityOnly(e.selectionSet, walk)),
    );
  });
}

/** Whether a Coverage selection asks nothing of its area, byArea areas and unpaired targets but their identity. */
function coverageIdentityOnly(set: SelectionSetNode | undefined, walk: Walk): boolean {
  return fieldsOf(set, walk).every((f) => {
    if (f.name.value === 'area') return identityOnly(f.selectionSet, walk);
    if (f.name.value === 'unpaired') return connectionIdentityOnly(f.selectionSet, walk);
    if (f.name.value === 'byArea') return coverageIdentityOnly(f.selectionSet, walk);
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
        info.fieldNodes.every((f) =>
          coverageIdentityOnly(f.selectionSet, { schema: info.schema, fragments: info.fragments, variables: info.variableValues }),
        ),
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
