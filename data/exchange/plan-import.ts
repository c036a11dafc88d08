/**
 * Checks parsed rows against the graph and works out what the import writes. Rows are compared with
 * what is stored: a new id is created, an existing one is updated only where the row says something
 * different (so the same file twice plans nothing), a changed parent is a move (refused when it would
 * make a cycle). The plan holds batched writes and one change-log entry per changed row; when any row
 * has a problem the caller writes nothing.
 *
 * Empty cells leave stored values as they are; links (GOVERNS, LOCATED_IN, positions) are added,
 * never removed, except the parent link a move replaces.
 */

import { type ChangeRecord, changeRecord, changeSequence } from '../../graph/change-log.ts';
import { KINDS } from '../../schema/model.ts';
import type { GraphView } from './graph-view.ts';
import {
  checkEntityRows,
  checkPairingRows,
  findCycles,
  findDuplicates,
  findPairingOverlaps,
  type Known,
  Problems,
  parentIdsOf,
  storedParents,
} from './import-checks.ts';
import { emptyCounts, type ImportIssue, type TemplateCounts } from './import-report.ts';
import { areaCheck } from './import-scope.ts';
import { noWrites, planEntityRow, planPairingRow, type RowPlan, type Writes } from './import-writes.ts';
import type { EntityRow, ImportRow, PairingRow } from './parse-rows.ts';

export { pathUp } from './import-checks.ts';
export type { LinkWrite } from './import-writes.ts';

export interface ImportPlan extends Writes {
  changes: ChangeRecord[];
}

export interface PlanResult {
  issues: ImportIssue[];
  counts: Record<string, TemplateCounts>;
  plan: ImportPlan;
}

export interface PlanOptions {
  actor: string;
  /** Ids of rows dropped while parsing, and where: a reference to one names that row. */
  rejected?: Map<string, { file: string; sheet?: string; row: number }>;
  /** An editor's area: every row must change something within it. Null: unrestricted. */
  scope: string | null;
}

/**
 * The phases, in order: duplicates within the import; the graph as stored, read once for every id
 * the rows name; the checks (entity rows, cycles, pairings, overlaps); then the plan, each row's
 * writes kept only when the editor's area allows them. The reads are here; every step is pure
 * (import-checks.ts, import-scope.ts, import-writes.ts).
 */
export async function planImport(view: GraphView, rows: ImportRow[], options: PlanOptions): Promise<PlanResult> {
  const problems = new Problems();
  const entityRows = rows.filter((r): r is EntityRow => r.template !== 'pairings');
  const pairingRows = rows.filter((r): r is PairingRow => r.template === 'pairings');

  const { firstOf, pairingFirst } = findDuplicates(entityRows, pairingRows, problems);

  // --- the graph as stored, for every id the rows name -------------------------------------------
  const named = new Set<string>();
  for (const r of entityRows) for (const id of [r.id, r.parentId, r.governsPlaceId, r.locatedInId, r.positionAtId]) if (id) named.add(id);
  for (const r of pairingRows) named.add(r.partnerId).add(r.targetId);
  const stored = await view.entities(named);
  const storedPairings = await view.pairings(pairingFirst.keys());
  const positions = await view.positions(
    entityRows.filter((r) => r.template === 'people').map((r) => ({ personId: r.id, atId: r.positionAtId! })),
  );
  // The editor's area: which stored entities the rows touch (or whose links a move ends) lie outside
  // it, by the one write rule (cypher/scope/find-outside-area.cypher).
  const touched = new Set([...stored.keys(), ...[...stored.values()].flatMap(parentIdsOf)]);
  const outside = options.scope === null ? null : await view.outsideArea(options.scope, touched);
  const known: Known = { stored, firstOf, rejected: options.rejected };

  // --- the checks ---------------------------------------------------------------------------------
  checkEntityRows(entityRows, known, problems);
  const movers = entityRows.filter((r) => !problems.bad.has(r) && r.parentId);
  const ancestorLinks = await view.ancestorLinks(movers.map((r) => r.parentId!).filter((id) => stored.has(id)));
  findCycles(movers, known, storedParents(ancestorLinks, stored), problems);
  const pairingSpans = await view.pairingsBetween([
    ...new Map(pairingRows.map((r) => [`${r.partnerId}|${r.targetId}`, { partnerId: r.partnerId, targetId: r.targetId }])).values(),
  ]);
  checkPairingRows(pairingRows, known, storedPairings, problems);
  findPairingOverlaps(pairingRows, storedPairings, pairingSpans, problems);
  const area = areaCheck({ known, scope: options.scope, touched, outside, positions, entityRows }, problems);

  // --- the plan: what differs from the graph -------------------------------------------------------
  const nextChange = changeSequence(options.actor);
  const plan: ImportPlan = { ...noWrites(), changes: [] };
  const counts: Record<string, TemplateCounts> = {};
  /** Counts the row, and adds its writes and change-log entry unless it changes nothing or is refused. */
  const apply = (row: ImportRow, entityKind: string, step: () => RowPlan) => {
    counts[row.template] ??= emptyCounts();
    const tally = counts[row.template]!;
    tally.rows += 1;
    if (problems.bad.has(row)) return;
    const { action, writes, before, after } = step();
    if (action !== null && area.refused(row)) return;
    if (action === null) {
      tally.unchanged += 1;
      return;
    }
    if (action === 'importCreate') tally.created += 1;
    else if (action === 'importMove') tally.moved += 1;
    else tally.updated += 1;
    for (const key of Object.keys(writes) as (keyof Writes)[]) (plan[key] as unknown[]).push(...writes[key]);
    plan.changes.push(
      changeRecord(nextChange(action), { entityId: row.id, entityKind, before, after, source: { document: row.origin.file } }),
    );
  };

  const nodeWritten = new Set<string>();
  for (const row of entityRows) {
    apply(row, KINDS[row.kind].category, () => {
      const firstWrite = !nodeWritten.has(row.id);
      nodeWritten.add(row.id);
      return planEntityRow(row, stored.get(row.id), positions.get(`${row.id}|${row.positionAtId}`), firstWrite);
    });
  }
  for (const row of pairingRows) apply(row, 'Pairing', () => planPairingRow(row, storedPairings.get(row.id)));

  return { issues: problems.issues, counts, plan };
}

export function sortIssues(issues: ImportIssue[]): ImportIssue[] {
  return issues.sort((a, b) => a.file.localeCompare(b.file) || (a.sheet ?? '').localeCompare(b.sheet ?? '') || a.row - b.row);
}
