/**
 * An import from start to end: read each file (streaming), check its rows, then in one transaction
 * check them against the graph and, unless it is a dry run or any row has a problem, write the plan
 * and its change-log entries. All or nothing: a problem anywhere writes nothing, and a failure while
 * writing rolls the whole import back.
 *
 * One transaction also for 100,000 rows (see README, "Import, export, backup", for the figures); the
 * embedded Neo4j is given a transaction timeout to match (IMPORT_TIMEOUT_MS).
 */

import type { Readable } from 'node:stream';
import { announceCommitted } from '../../graph/committed-writes.ts';
import type { GraphStore } from '../../graph/graph-store.ts';
import { refreshDisplayNames } from '../display-names.ts';
import { GraphView } from './graph-view.ts';
import type { ImportIssue, ImportReport } from './import-report.ts';
import { RowParser } from './parse-rows.ts';
import { type ImportPlan, planImport, sortIssues } from './plan-import.ts';
import { type FileFormat, formatOf, type ReadLimits, readRows, TooLarge } from './read-table.ts';

export const WRITE_BATCH = 5_000;
/** A 100,000-row import takes well under a minute here; ten leave room for a slow disk. */
export const IMPORT_TIMEOUT_MS = 10 * 60_000;

export type ImportStage = 'reading' | 'checking' | 'writing';
export type Progress = (stage: ImportStage, done: number, total: number | null) => void;

export interface ImportOptions {
  dryRun: boolean;
  /** Written to the change log as the actor. */
  actor: string;
  /** An editor's area (writeScopeOf); null for unrestricted. */
  scope: string | null;
  onProgress?: Progress;
  timeoutMs?: number;
  /** Where a graph.json import writes its safety backup before it replaces anything (BACKUP_DIR). */
  safetyDir?: string;
}

export interface ParseLimits extends ReadLimits {
  /** Rows this file may hold (what is left of the import's IMPORT_MAX_ROWS). */
  maxRows: number;
}

/**
 * Reads one file's rows through the parser (the file is streamed, not held). Past a cap (rows, or an
 * xlsx's unpacked bytes) the read stops at once with a TOO_LARGE issue: nothing more of it is held.
 */
export async function parseFile(name: string, input: Readable, onRow?: (rows: number) => void, limits?: ParseLimits): Promise<RowParser> {
  const parser = new RowParser(name);
  const format: FileFormat | null = formatOf(name);
  if (!format) {
    input.resume();
    parser.issues.push({ file: name, row: 0, code: 'BAD_FILE', message: 'the file name must end in .csv or .xlsx' });
    return parser;
  }
  try {
    let n = 0;
    for await (const raw of readRows(input, format, limits)) {
      if (limits && parser.rowsRead >= limits.maxRows) throw new TooLarge(`holds more than ${limits.maxRows} rows`);
      parser.accept(raw);
      n += 1;
      if (n % 1_000 === 0) onRow?.(n);
    }
    onRow?.(n);
  } catch (error) {
    input.resume();
    if (error instanceof TooLarge) {
      parser.issues.push({
        file: name,
        row: 0,
        code: 'TOO_LARGE',
        message: `${error.message}: an import takes at most ${limits?.maxRows ?? '–'} rows in all and an xlsx at most ${
          limits ? Math.round(limits.maxUnpackedBytes / 1024 / 1024) : '–'
        } MB unpacked (IMPORT_MAX_ROWS, IMPORT_MAX_UNPACKED_BYTES); split it into smaller files`,
      });
      return parser;
    }
    parser.issues.push({ file: name, row: 0, code: 'BAD_FILE', message: `cannot be read as ${format}: ${(error as Error).message}` });
  }
  if (parser.issues.length === 0 && parser.tablesFound === 0) {
    parser.issues.push({ file: name, row: 0, code: 'UNKNOWN_TEMPLATE', message: 'holds no table with a template header row' });
  }
  return parser;
}

/** The import's caps from the configuration (graph/config.ts), as parseFile takes them. */
export const importLimitsOf = (config: { IMPORT_MAX_ROWS: number; IMPORT_MAX_UNPACKED_BYTES: number }): ParseLimits => ({
  maxRows: config.IMPORT_MAX_ROWS,
  maxUnpackedBytes: config.IMPORT_MAX_UNPACKED_BYTES,
});

/** Signals a real run that found problems: thrown inside the transaction so that it rolls back. */
class RefusedImport extends Error {
  constructor(readonly report: ImportReport) {
    super('the import has problems; nothing was written');
  }
}

export async function runImport(store: GraphStore, parsed: RowParser[], options: ImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const files = parsed.map((p) => p.file);
  const rows = parsed.flatMap((p) => p.rows);
  const parseIssues: ImportIssue[] = parsed.flatMap((p) => p.issues);
  const planOptions = { ...options, rejected: new Map(parsed.flatMap((p) => [...p.rejected])) };
  const report = (issues: ImportIssue[], counts: ImportReport['counts'], written: boolean, changes: number): ImportReport => ({
    dryRun: options.dryRun,
    written,
    files,
    counts,
    changes,
    errors: sortIssues([...parseIssues, ...issues]),
    seconds: (performance.now() - started) / 1000,
  });
  const rowsRead = (counts: ImportReport['counts']) => {
    // Rows dropped while parsing still count as rows of their template.
    const dropped = parsed.reduce((sum, p) => sum + p.rowsRead, 0) - rows.length;
    return dropped > 0 ? { ...counts, unparsed: { rows: dropped, created: 0, updated: 0, moved: 0, unchanged: 0 } } : counts;
  };

  options.onProgress?.('checking', 0, rows.length);
  // A file that could not be parsed is refused already: check the rest as a dry run would, to report all.
  const dryRun = options.dryRun || parseIssues.length > 0;
  const txConfig = { timeoutMs: options.timeoutMs ?? IMPORT_TIMEOUT_MS };
  try {
    if (dryRun) {
      return await store.readTx(async (tx) => {
        const { issues, counts } = await planImport(new GraphView(tx, false), rows, planOptions);
        options.onProgress?.('checking', rows.length, rows.length);
        return report(issues, rowsRead(counts), false, 0);
      }, txConfig);
    }
    let committedChanges: ImportPlan['changes'] = [];
    const written = await store.write(async (tx) => {
      // Moves in the file change the hierarchy: queue behind (and ahead of) the API's moves.
      await tx.run('mutation/lock-hierarchy');
      const view = new GraphView(tx, true);
      const { issues, counts, plan } = await planImport(view, rows, planOptions);
      options.onProgress?.('checking', rows.length, rows.length);
      if (issues.length > 0) throw new RefusedImport(report(issues, rowsRead(counts), false, 0));
      await writePlan(view, plan, options.onProgress);
      // New, renamed and moved entities change which names clash: the display names are worked out
      // again by the rule the seed load and the mutations use (one pass over the documented names).
      if (plan.createNodes.length + plan.updateNodes.length + plan.deleteParentLinks.length > 0) await refreshDisplayNames(tx, null);
      committedChanges = plan.changes;
      return report([], rowsRead(counts), plan.changes.length > 0, plan.changes.length);
    }, txConfig);
    // Live viewers hear of the import once it has committed (server/live/changes-committed.ts).
    announceCommitted(committedChanges);
    // Timed again once committed: a large import spends a good part of its time in the commit.
    return { ...written, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    if (error instanceof RefusedImport) return error.report;
    throw error;
  }
}

/** The plan's writes in order: nodes first, so every link finds both its ends; the change log last. */
async function writePlan(view: GraphView, plan: ImportPlan, onProgress?: Progress): Promise<void> {
  const total = plan.createNodes.length + plan.updateNodes.length + plan.deleteParentLinks.length + plan.links.length + plan.changes.length;
  let done = 0;
  const step = (n: number) => {
    done += n;
    onProgress?.('writing', done, total);
  };
  onProgress?.('writing', 0, total);
  await view.write('import/create-entities', plan.createNodes, WRITE_BATCH, step);
  await view.write('import/update-entities', plan.updateNodes, WRITE_BATCH, step);
  await view.write('import/delete-parent-links', plan.deleteParentLinks, WRITE_BATCH, step);
  await view.write('import/merge-links', plan.links as unknown as Record<string, unknown>[], WRITE_BATCH, step);
  await view.write('import/record-changes', plan.changes as unknown as Record<string, unknown>[], WRITE_BATCH, step);
}
