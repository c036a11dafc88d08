/**
 * The audit lens's requests: findings, the coverage roll-up for the three pairing kinds, one area's
 * unpaired villages (on demand) and the area history between two dates. Each is one request; the
 * documents are in web/src/documents/audit.graphql, their answers' types generated from the SDL.
 */

import { PAIRING_KINDS as MODEL_PAIRING_KINDS, type PairingKind, SEVERITIES, type Severity } from '../../schema/model.ts';
import { gql } from './api.ts';
import {
  AuditGraphDocument,
  type ChangeFragment,
  type FiguresFragment,
  FindingsDocument,
  type FindingsQuery,
  HistoryDocument,
  type HistoryQuery,
  type PairingEventFragment,
  RollupDocument,
  UnpairedDocument,
} from './generated/graphql.ts';
import type { EntityRef, Flat, GraphElements } from './queries.ts';

/** The pairing kinds in the model's order (schema/model.ts: the one list, shared with the server). */
export const PAIRING_KINDS = Object.keys(MODEL_PAIRING_KINDS) as PairingKind[];
export { type PairingKind, SEVERITIES, type Severity };

type FindingsPage = FindingsQuery['findings'];
export type Finding = FindingsPage['nodes'][number];
export type Findings = Pick<FindingsPage, 'totalCount' | 'byRule' | 'nodes'>;

/**
 * The server prices a list by its page size (GraphQL Armor's cost limit): findings come in pages of
 * this many, and at most MAX_FINDING_PAGES pages are fetched for the graph.
 */
const FINDINGS_PAGE = 200;
const MAX_FINDING_PAGES = 10;

/** The findings of an area on a date (most severe first, up to 2,000) with counts per rule. */
export async function areaFindings(area: string, asOf: string | null, signal?: AbortSignal): Promise<Findings> {
  let after: string | null = null;
  let first: Omit<Findings, 'nodes'> | null = null;
  const nodes: Finding[] = [];
  for (let page = 0; page < MAX_FINDING_PAGES; page += 1) {
    // Typed here: the loop needs the type before the request returns.
    const data: FindingsQuery = await gql(FindingsDocument, { area, asOf, first: FINDINGS_PAGE, after }, signal);
    const { pageInfo, nodes: pageNodes, ...counts } = data.findings;
    first ??= counts;
    nodes.push(...pageNodes);
    if (!pageInfo.hasNextPage) break;
    after = pageInfo.endCursor;
  }
  return { ...first!, nodes };
}

export type CoverageFigures = Flat<FiguresFragment>;
/** An area's coverage with its child areas' (RollupQuery: two levels down, the roll-up's depth). */
export type CoverageLevel = CoverageFigures & { byArea?: CoverageLevel[] };

/** The coverage of an area for every pairing kind, rolled up two levels down, in one request. */
export async function coverageRollup(area: string, asOf: string | null, signal?: AbortSignal): Promise<Record<PairingKind, CoverageLevel>> {
  return gql(RollupDocument, { area, asOf }, signal);
}

/** One area's unpaired villages (communities for UnitCommunity) of one kind, for the roll-up's "show". */
export async function unpairedOf(
  area: string,
  kind: PairingKind,
  asOf: string | null,
  signal?: AbortSignal,
): Promise<{ totalCount: number; nodes: EntityRef[] }> {
  const data = await gql(UnpairedDocument, { area, asOf, kind }, signal);
  return data.pairingCoverage.unpaired;
}

export type ChangeEntry = ChangeFragment;
export type PairingEvent = PairingEventFragment;
export type AreaHistory = HistoryQuery['areaHistory'];

/** What changed in an area between two dates (Query.areaHistory); actors only when `withActors`. */
export async function areaHistory(area: string, from: string, to: string, withActors: boolean, signal?: AbortSignal): Promise<AreaHistory> {
  const data = await gql(HistoryDocument, { area, from, to, withActors }, signal);
  return data.areaHistory;
}

/** The area's villages with their pairing status on the date, as Cytoscape elements (the audit graph). */
export async function auditElements(area: string, asOf: string | null, signal?: AbortSignal): Promise<GraphElements> {
  const data = await gql(AuditGraphDocument, { area, asOf }, signal);
  return data.coverageElements;
}
