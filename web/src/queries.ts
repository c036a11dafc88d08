/**
 * Every GraphQL request the viewer makes about entities and their graphs. The documents are in
 * web/src/documents/viewer.graphql (fragments: fragments.graphql); their result types are generated
 * from the SDL (web/src/generated/graphql.ts, npm run generate:contracts), so a field the schema
 * drops or retypes is a compile error here. GraphElements is exactly Cytoscape's element shape
 * (schema/network.graphql): the lenses hand it to cy.add() as it comes.
 */
import { gql } from './api.ts';
import {
  type AreaFragment,
  ChainElementsDocument,
  type ChainLeaderFragment,
  ChainsDocument,
  type ChainsQuery,
  CoverageDocument,
  type CoverageQuery,
  DetailsDocument,
  type DetailsQuery,
  DistrictsDocument,
  type ElementsFragment,
  ElementsFragmentDoc,
  type FiguresFragment,
  HierarchyDocument,
  NeighbourhoodDocument,
  OutletsDocument,
  PathDocument,
  type RefFragment,
  RefsDocument,
  RelationshipDocument,
  type RelationshipQuery,
  SearchDocument,
  type SourcesFragment,
} from './generated/graphql.ts';

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
/**
 * One object type for an answer that differs by the entity's type (a union of the implementing
 * types' selections): the fields all of them have, and the others optional, as the panels read them.
 */
export type Flat<U> = Pick<U, keyof U> & Partial<Omit<UnionToIntersection<WithoutTypename<U>>, keyof U>>;
/** Each member without its __typename (whose literals would make the intersection empty). */
type WithoutTypename<U> = U extends unknown ? Omit<U, '__typename'> : never;

/** A basis an element may lack: the path lens's paths carry none (documents/viewer.graphql, Paths). */
type BasisOptional<T extends { basis: unknown }> = Omit<T, 'basis'> & Partial<Pick<T, 'basis'>>;
export type NodeData = BasisOptional<ElementsFragment['nodes'][number]['data']>;
export type EdgeData = BasisOptional<ElementsFragment['edges'][number]['data']>;
/** Cytoscape's elements as the lenses draw them. */
export type GraphElements = { nodes: { data: NodeData }[]; edges: { data: EdgeData }[]; truncated: boolean };

/**
 * An entity as lists and links show it: at least its id, name and kind; the display name (the name
 * with the place that tells it from a namesake) and the synthetic flag where the document asked for them.
 */
export type EntityRef = Flat<AreaFragment> & Partial<Pick<Flat<RefFragment>, 'displayName' | 'synthetic'>>;
export type AreaOption = Flat<AreaFragment>;
export type Source = SourcesFragment;
export type ChainLeader = ChainLeaderFragment;
export type EntityDetails = Flat<NonNullable<DetailsQuery['entity']>>;
export type Claim = EntityDetails['claims'][number];
/** How a record is known (#17): stated by a sentence, a composed name, institutional, or inferred. */
export type Provenance = Partial<Pick<EntityDetails, 'basis' | 'basisNote'>>;
export type RelationshipDetails = NonNullable<RelationshipQuery['relationship']>;
export type Chain = ChainsQuery['industryChains'][number];
export type Building = Flat<ChainsQuery['buildings']['nodes'][number]>;
export type CoverageFigures = FiguresFragment & { asOf: string };
export type Coverage = CoverageQuery['pairingCoverage'];

let outlets: Promise<Map<string, string>> | null = null;

/** Each report's outlet by file name (Query.documents), asked once per page (again after a failure). */
export function reportOutlets(): Promise<Map<string, string>> {
  outlets ??= gql(OutletsDocument, {})
    .then((data) => new Map(data.documents.flatMap((d) => (d.outlet ? [[d.file, d.outlet] as const] : []))))
    .catch((error: unknown) => {
      outlets = null;
      throw error;
    });
  return outlets;
}

export async function searchEntities(text: string, includeSynthetic: boolean, signal?: AbortSignal): Promise<EntityRef[]> {
  const data = await gql(SearchDocument, { text, syn: includeSynthetic }, signal);
  return data.search;
}

export async function entityRefs(ids: string[], signal?: AbortSignal): Promise<EntityRef[]> {
  if (ids.length === 0) return [];
  const data = await gql(RefsDocument, { ids }, signal);
  return data.entities;
}

export async function entityDetails(id: string, signal?: AbortSignal): Promise<EntityDetails | null> {
  const data = await gql(DetailsDocument, { id }, signal);
  return data.entity;
}

export async function relationshipDetails(id: string, signal?: AbortSignal): Promise<RelationshipDetails | null> {
  const data = await gql(RelationshipDocument, { id }, signal);
  return data.relationship;
}

/**
 * The districts (by the place their committee governs), for the area picker. Pages are small: the
 * server prices a request by its page sizes (GraphQL Armor's cost limit), and there are few districts.
 */
export async function districtAreas(includeSynthetic: boolean, signal?: AbortSignal): Promise<AreaOption[]> {
  const data = await gql(DistrictsDocument, { syn: includeSynthetic }, signal);
  return data.organizations.nodes.map((committee) => {
    const district = 'covers' in committee ? committee.covers.nodes[0] : undefined;
    return district
      ? { id: district.id, name: district.name, kind: district.kind }
      : { id: committee.id, name: committee.name, kind: committee.kind };
  });
}

export async function hierarchyElements(root: string, depth: number, limit: number, signal?: AbortSignal): Promise<GraphElements> {
  const data = await gql(HierarchyDocument, { root, depth, limit }, signal);
  return data.hierarchy;
}

export interface NeighbourhoodArgs {
  id: string;
  depth: number;
  limit: number;
  asOf?: string | null;
  relationships?: string[] | null;
}

export async function neighbourhoodElements(args: NeighbourhoodArgs, signal?: AbortSignal): Promise<GraphElements> {
  const data = await gql(NeighbourhoodDocument, { ...args, asOf: args.asOf ?? null, relationships: args.relationships ?? null }, signal);
  return data.neighbourhood;
}

/** Several neighbourhoods in one request (aliases), merged into one set of elements. */
export async function manyNeighbourhoods(list: NeighbourhoodArgs[], signal?: AbortSignal): Promise<GraphElements> {
  if (list.length === 0) return { nodes: [], edges: [], truncated: false };
  const params = list.map((_, i) => `$id${i}: ID!, $depth${i}: Int, $limit${i}: Int, $rel${i}: [String!]`).join(', ');
  const fields = list
    .map(
      (_, i) =>
        `n${i}: neighbourhood(id: $id${i}, depth: $depth${i}, limit: $limit${i}, asOf: $asOf, relationships: $rel${i}) { ...Elements }`,
    )
    .join('\n');
  const variables: Record<string, unknown> = { asOf: list[0]?.asOf ?? null };
  list.forEach((args, i) => {
    variables[`id${i}`] = args.id;
    variables[`depth${i}`] = args.depth;
    variables[`limit${i}`] = args.limit;
    variables[`rel${i}`] = args.relationships ?? null;
  });
  // The aliases vary with the list; what each asks for is the Elements fragment, as generated.
  const data = await gql<Record<string, GraphElements>>(
    `query Many(${params}, $asOf: String) { ${fields} } ${ElementsFragmentDoc}`,
    variables,
    signal,
  );
  return mergeElements(Object.values(data));
}

export function mergeElements(parts: GraphElements[]): GraphElements {
  const nodes = new Map<string, { data: NodeData }>();
  const edges = new Map<string, { data: EdgeData }>();
  for (const part of parts) {
    for (const node of part.nodes) nodes.set(node.data.id, node);
    for (const edge of part.edges) edges.set(edge.data.id, edge);
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()], truncated: parts.some((p) => p.truncated) };
}

export async function coverageView(
  area: string,
  asOf: string | null,
  signal?: AbortSignal,
): Promise<{ coverage: Coverage; elements: GraphElements }> {
  const data = await gql(CoverageDocument, { area, asOf }, signal);
  return { coverage: data.pairingCoverage, elements: data.coverageElements };
}

export async function chainsAndBuildings(
  area: string | null,
  includeSynthetic: boolean,
  signal?: AbortSignal,
): Promise<{ chains: Chain[]; buildings: Building[]; buildingCount: number }> {
  const data = await gql(ChainsDocument, { area, syn: includeSynthetic }, signal);
  return { chains: data.industryChains, buildings: data.buildings.nodes, buildingCount: data.buildings.totalCount };
}

/** The chains lens's graph for an area (null: all areas), in one request however many chains it has. */
export async function chainElements(area: string | null, includeSynthetic: boolean, signal?: AbortSignal): Promise<GraphElements> {
  const data = await gql(ChainElementsDocument, { area, syn: includeSynthetic }, signal);
  return data.chainElements;
}

/** The path filters: only these relationship types (null: all), no step through these kinds. */
export interface PathFilters {
  relationships: string[] | null;
  excludeKinds: string[];
}

export async function pathElements(
  from: string,
  to: string,
  maxLength: number,
  signal?: AbortSignal,
  filters: PathFilters = { relationships: null, excludeKinds: [] },
): Promise<GraphElements | null> {
  const data = await gql(PathDocument, { from, to, max: maxLength, rels: filters.relationships, excl: filters.excludeKinds }, signal);
  return data.pathElements;
}
