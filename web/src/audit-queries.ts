/**
 * The audit lens's requests: findings, the coverage roll-up for the three pairing kinds, one area's
 * unpaired villages (on demand) and the area history between two dates. Each is one request.
 */
import { gql } from './api.ts';
import type { EntityRef, GraphElements, Source } from './queries.ts';

export const PAIRING_KINDS = ['EnterpriseVillage', 'CommunityVillage', 'UnitCommunity'] as const;
export type PairingKind = (typeof PAIRING_KINDS)[number];

export const SEVERITIES = ['critical', 'error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface FindingRule {
  id: string;
  severity: Severity;
  title?: string;
  zh: string;
}

export interface Finding {
  rule: FindingRule;
  entity: EntityRef;
  detail: string;
}

export interface Findings {
  totalCount: number;
  byRule: { rule: FindingRule; count: number }[];
  nodes: Finding[];
}

/**
 * The server prices a list by its page size (GraphQL Armor's cost limit): findings come in pages of
 * this many, and at most MAX_FINDING_PAGES pages are fetched for the graph.
 */
const FINDINGS_PAGE = 200;
const MAX_FINDING_PAGES = 10;

/** The findings of an area on a date (most severe first, up to 2,000) with counts per rule. */
export async function areaFindings(area: string, asOf: string | null, signal?: AbortSignal): Promise<Findings> {
  const rule = 'rule { id severity title zh }';
  let after: string | null = null;
  let first: Omit<Findings, 'nodes'> | null = null;
  const nodes: Finding[] = [];
  for (let page = 0; page < MAX_FINDING_PAGES; page += 1) {
    // Typed here: the loop needs the type before the request returns.
    const data: { findings: Findings & { pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await gql(
      `query Findings($area: String, $asOf: String, $first: Int, $after: String) {
        findings(area: $area, asOf: $asOf, first: $first, after: $after) {
          totalCount byRule { ${rule} count } nodes { rule { id severity zh } entity { id name kind synthetic } detail }
          pageInfo { hasNextPage endCursor }
        }
      }`,
      { area, asOf, first: FINDINGS_PAGE, after },
      signal,
    );
    const { pageInfo, nodes: pageNodes, ...counts } = data.findings;
    first ??= counts;
    nodes.push(...pageNodes);
    if (!pageInfo.hasNextPage) break;
    after = pageInfo.endCursor;
  }
  return { ...first!, nodes };
}

export interface CoverageFigures {
  area: EntityRef;
  villages: number;
  paired: number;
  rate: number | null;
}

export interface CoverageLevel extends CoverageFigures {
  byArea?: CoverageLevel[];
}

/** How deep the roll-up goes: district → subdistricts → joint committees/areas. */
const FIGURES = 'area { id name kind } villages paired rate';
const rollupFields = (depth: number): string => (depth === 0 ? FIGURES : `${FIGURES} byArea { ${rollupFields(depth - 1)} }`);

/** The coverage of an area for every pairing kind, rolled up two levels down, in one request. */
export async function coverageRollup(area: string, asOf: string | null, signal?: AbortSignal): Promise<Record<PairingKind, CoverageLevel>> {
  const fields = PAIRING_KINDS.map(
    (kind) => `${kind}: pairingCoverage(area: $area, asOf: $asOf, kind: ${kind}) { ${rollupFields(2)} }`,
  ).join('\n');
  return gql<Record<PairingKind, CoverageLevel>>(`query Rollup($area: String!, $asOf: String) { ${fields} }`, { area, asOf }, signal);
}

/** One area's unpaired villages (communities for UnitCommunity) of one kind, for the roll-up's "show". */
export async function unpairedOf(
  area: string,
  kind: PairingKind,
  asOf: string | null,
  signal?: AbortSignal,
): Promise<{ totalCount: number; nodes: EntityRef[] }> {
  const data = await gql<{ pairingCoverage: { unpaired: { totalCount: number; nodes: EntityRef[] } } }>(
    `query Unpaired($area: String!, $asOf: String, $kind: PairingKind) {
      pairingCoverage(area: $area, asOf: $asOf, kind: $kind) { unpaired(first: 500) { totalCount nodes { id name kind } } }
    }`,
    { area, asOf, kind },
    signal,
  );
  return data.pairingCoverage.unpaired;
}

export interface ChangeEntry {
  at: string;
  /** Null when the role may not see who made changes. */
  actor: string | null;
  action: string;
  reason: string | null;
  source: string | null;
}

export interface PairingSummary {
  id: string;
  kind: PairingKind;
  partner: EntityRef;
  target: EntityRef;
  validFrom: string | null;
  validTo: string | null;
}

export interface PairingEvent {
  date: string;
  pairing: PairingSummary;
  replaced: PairingSummary | null;
  reason: string | null;
  source: Source | null;
  change: ChangeEntry | null;
}

export interface AreaHistory {
  area: EntityRef;
  from: string;
  to: string;
  coverage: {
    kind: PairingKind;
    pairedChange: number;
    rateChange: number | null;
    before: CoverageFigures;
    after: CoverageFigures;
  }[];
  started: PairingEvent[];
  ended: PairingEvent[];
  rematched: PairingEvent[];
  moves: { organization: EntityRef; from: EntityRef[]; to: EntityRef[]; change: ChangeEntry }[];
}

/** What changed in an area between two dates (Query.areaHistory); actors only when `withActors`. */
export async function areaHistory(area: string, from: string, to: string, withActors: boolean, signal?: AbortSignal): Promise<AreaHistory> {
  const change = `change { at ${withActors ? 'actor' : ''} action reason source }`;
  const pairing = 'id kind validFrom validTo partner { id name kind } target { id name kind }';
  const event = `date reason source { document quote } pairing { ${pairing} } replaced { ${pairing} } ${change}`;
  const data = await gql<{ areaHistory: AreaHistory }>(
    `query History($area: String!, $from: String!, $to: String) {
      areaHistory(area: $area, from: $from, to: $to) {
        area { id name kind } from to
        coverage { kind pairedChange rateChange before { ${FIGURES} } after { ${FIGURES} } }
        started { ${event} } ended { ${event} } rematched { ${event} }
        moves { organization { id name kind } from { id name kind } to { id name kind } ${change} }
      }
    }`,
    { area, from, to },
    signal,
  );
  return data.areaHistory;
}

/** The area's villages with their pairing status on the date, as Cytoscape elements (the audit graph). */
export async function auditElements(area: string, asOf: string | null, signal?: AbortSignal): Promise<GraphElements> {
  const data = await gql<{ coverageElements: GraphElements }>(
    `query AuditGraph($area: String!, $asOf: String) {
      coverageElements(area: $area, asOf: $asOf) {
        nodes { data { id label kind category synthetic pairing childCount } }
        edges { data { id source target label status } }
        truncated
      }
    }`,
    { area, asOf },
    signal,
  );
  return data.coverageElements;
}
