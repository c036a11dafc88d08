/**
 * Every GraphQL request the viewer makes, with the shapes it reads back. GraphElements is exactly
 * Cytoscape's element shape (schema/network.graphql): the lenses hand it to cy.add() as it comes.
 */
import { gql } from './api.ts';

export interface NodeData {
  id: string;
  label: string;
  kind: string;
  category: string;
  synthetic: boolean;
  /** How it is known (#17): stated, composedName, institutional, inferred; null when unknown. */
  basis?: string | null;
  pairing: string | null;
  childCount: number | null;
}

export interface EdgeData {
  id: string;
  source: string;
  target: string;
  label: string;
  basis?: string | null;
  status: string | null;
}

export interface GraphElements {
  nodes: { data: NodeData }[];
  edges: { data: EdgeData }[];
  truncated: boolean;
}

export interface EntityRef {
  id: string;
  name: string;
  /** The name with the place that tells it from a namesake (第一书记（历城区）); the name when none clashes. */
  displayName?: string;
  kind: string;
  synthetic?: boolean;
}

export interface Source {
  document: string;
  quote: string;
  /** The report's date, or for an undated report the earliest its text allows (then `undated`). */
  date?: string | null;
  undated?: boolean;
  /** The report's headline, for a citation a planner can quote. */
  title?: string | null;
}

/** How a record is known (#17): stated by a sentence, a composed name, institutional, or inferred. */
export interface Provenance {
  basis?: string | null;
  basisNote?: string | null;
}

export interface Property {
  key: string;
  value: string;
}

export interface Claim {
  id: string;
  metric: string;
  value: number;
  unit: string;
  statement: string;
  graphValue: number | null;
  status: string;
  sources: Source[];
  /** When the number held (a date, a year or a period). */
  asOf?: string | null;
  basis?: string | null;
  basisNote?: string | null;
}

export interface EntityDetails extends EntityRef, Provenance {
  __typename: string;
  nameEn: string | null;
  sources: Source[];
  properties: Property[];
  claims: Claim[];
  parentLink?: ({ node: EntityRef; sources: Source[] } & Provenance) | null;
  descendantCounts?: { kind: string; count: number }[];
  ancestors?: EntityRef[];
  holder?: string | null;
  organization?: EntityRef | null;
  leaders?: ChainLeader[];
  siteType?: string | null;
}

export interface RelationshipDetails extends Provenance {
  id: string;
  type: string;
  from: EntityRef;
  to: EntityRef;
  sources: Source[];
  properties: Property[];
}

export interface ChainLeader {
  role: string;
  holder: string | null;
  organization: EntityRef | null;
  sources: Source[];
}

export interface Chain extends EntityRef {
  properties: Property[];
  leaders: ChainLeader[];
  subChains: (EntityRef & { leaders: ChainLeader[]; enterprises: { totalCount: number } })[];
  enterprises: { totalCount: number; nodes: EntityRef[] };
}

export interface Building extends EntityRef {
  organizationsInside: EntityRef[];
  unitsInside: { totalCount: number };
}

export interface CoverageFigures {
  area: EntityRef;
  asOf: string;
  villages: number;
  paired: number;
  rate: number | null;
}

export interface Coverage extends CoverageFigures {
  unpaired: { totalCount: number; nodes: EntityRef[] };
  byArea: CoverageFigures[];
}

export interface AreaOption {
  id: string;
  name: string;
  kind: string;
}

const ELEMENTS = /* GraphQL */ `
  fragment Elements on GraphElements {
    nodes { data { id label kind category synthetic basis pairing childCount } }
    edges { data { id source target label basis status } }
    truncated
  }
`;

const REF = 'id name displayName kind synthetic';
const SOURCES = 'sources { document quote date undated title }';

export async function searchEntities(text: string, includeSynthetic: boolean, signal?: AbortSignal): Promise<EntityRef[]> {
  const data = await gql<{ search: EntityRef[] }>(
    `query Search($text: String!, $syn: Boolean) { search(text: $text, first: 12, includeSynthetic: $syn) { ${REF} } }`,
    { text, syn: includeSynthetic },
    signal,
  );
  return data.search;
}

export async function entityRefs(ids: string[], signal?: AbortSignal): Promise<EntityRef[]> {
  if (ids.length === 0) return [];
  const data = await gql<{ entities: EntityRef[] }>(`query Refs($ids: [ID!]!) { entities(ids: $ids) { ${REF} } }`, { ids }, signal);
  return data.entities;
}

export async function entityDetails(id: string, signal?: AbortSignal): Promise<EntityDetails | null> {
  const data = await gql<{ entity: EntityDetails | null }>(
    `query Details($id: ID!) {
      entity(id: $id) {
        __typename ${REF} nameEn basis basisNote ${SOURCES} properties { key value }
        claims { id metric value unit statement graphValue status asOf basis basisNote ${SOURCES} }
        ... on Organization { parentLink { node { ${REF} } basis basisNote ${SOURCES} } descendantCounts { kind count } }
        ... on Place { ancestors { ${REF} } }
        ... on LeadershipRole { holder organization { ${REF} } }
        ... on IndustryChain { leaders { role holder organization { ${REF} } ${SOURCES} } }
        ... on ServiceSite { siteType }
      }
    }`,
    { id },
    signal,
  );
  return data.entity;
}

export async function relationshipDetails(id: string, signal?: AbortSignal): Promise<RelationshipDetails | null> {
  const data = await gql<{ relationship: RelationshipDetails | null }>(
    `query Relationship($id: ID!) {
      relationship(id: $id) { id type from { ${REF} } to { ${REF} } basis basisNote ${SOURCES} properties { key value } }
    }`,
    { id },
    signal,
  );
  return data.relationship;
}

/**
 * The districts (by the place their committee governs), for the area picker. Pages are small: the
 * server prices a request by its page sizes (GraphQL Armor's cost limit), and there are few districts.
 */
export async function districtAreas(includeSynthetic: boolean, signal?: AbortSignal): Promise<AreaOption[]> {
  const data = await gql<{
    organizations: { nodes: (EntityRef & { covers: { nodes: EntityRef[] } })[] };
  }>(
    `query Districts($syn: Boolean) {
      organizations(kinds: ["DistrictCommittee"], includeSynthetic: $syn, first: 20) {
        nodes { ${REF} ... on Organization { covers(kinds: ["District"], first: 1) { nodes { ${REF} } } } }
      }
    }`,
    { syn: includeSynthetic },
    signal,
  );
  return data.organizations.nodes.map((committee) => {
    const district = committee.covers.nodes[0];
    return district
      ? { id: district.id, name: district.name, kind: district.kind }
      : { id: committee.id, name: committee.name, kind: committee.kind };
  });
}

export async function hierarchyElements(root: string, depth: number, limit: number, signal?: AbortSignal): Promise<GraphElements> {
  const data = await gql<{ hierarchy: GraphElements }>(
    `query Hierarchy($root: String!, $depth: Int, $limit: Int) { hierarchy(root: $root, depth: $depth, limit: $limit) { ...Elements } } ${ELEMENTS}`,
    { root, depth, limit },
    signal,
  );
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
  const data = await gql<{ neighbourhood: GraphElements }>(
    `query Neighbourhood($id: ID!, $depth: Int, $limit: Int, $asOf: String, $relationships: [String!]) {
      neighbourhood(id: $id, depth: $depth, limit: $limit, asOf: $asOf, relationships: $relationships) { ...Elements }
    } ${ELEMENTS}`,
    { ...args, asOf: args.asOf ?? null, relationships: args.relationships ?? null },
    signal,
  );
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
  const data = await gql<Record<string, GraphElements>>(
    `query Many(${params}, $asOf: String) { ${fields} } ${ELEMENTS}`,
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
  const figures = 'area { id name kind } asOf villages paired rate';
  const data = await gql<{ pairingCoverage: Coverage; coverageElements: GraphElements }>(
    `query Coverage($area: String!, $asOf: String) {
      pairingCoverage(area: $area, asOf: $asOf) {
        ${figures}
        unpaired(first: 500) { totalCount nodes { ${REF} } }
        byArea { ${figures} }
      }
      coverageElements(area: $area, asOf: $asOf) { ...Elements }
    } ${ELEMENTS}`,
    { area, asOf },
    signal,
  );
  return { coverage: data.pairingCoverage, elements: data.coverageElements };
}

export async function chainsAndBuildings(
  area: string | null,
  includeSynthetic: boolean,
  signal?: AbortSignal,
): Promise<{ chains: Chain[]; buildings: Building[]; buildingCount: number }> {
  const leaders = `leaders { role holder organization { ${REF} } ${SOURCES} }`;
  const data = await gql<{ industryChains: Chain[]; buildings: { totalCount: number; nodes: Building[] } }>(
    `query Chains($area: String, $syn: Boolean) {
      industryChains(area: $area, includeSynthetic: $syn) {
        ${REF} properties { key value } ${leaders}
        subChains { ${REF} ${leaders} enterprises(first: 1) { totalCount } }
        enterprises(first: 100) { totalCount nodes { ${REF} } }
      }
      buildings(area: $area, includeSynthetic: $syn, first: 100) {
        totalCount
        nodes { ${REF} ... on Place { organizationsInside { ${REF} } unitsInside(first: 1) { totalCount } } }
      }
    }`,
    { area, syn: includeSynthetic },
    signal,
  );
  return { chains: data.industryChains, buildings: data.buildings.nodes, buildingCount: data.buildings.totalCount };
}

/** The chains lens's graph for an area (null: all areas), in one request however many chains it has. */
export async function chainElements(area: string | null, includeSynthetic: boolean, signal?: AbortSignal): Promise<GraphElements> {
  const data = await gql<{ chainElements: GraphElements }>(
    `query ChainElements($area: String, $syn: Boolean) { chainElements(area: $area, includeSynthetic: $syn) { ...Elements } } ${ELEMENTS}`,
    { area, syn: includeSynthetic },
    signal,
  );
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
  const data = await gql<{ pathElements: GraphElements | null }>(
    `query Path($from: ID!, $to: ID!, $max: Int, $rels: [String!], $excl: [String!]) {
      pathElements(from: $from, to: $to, maxLength: $max, relationships: $rels, excludeKinds: $excl) { ...Elements } } ${ELEMENTS}`,
    { from, to, max: maxLength, rels: filters.relationships, excl: filters.excludeKinds },
    signal,
  );
  return data.pathElements;
}
