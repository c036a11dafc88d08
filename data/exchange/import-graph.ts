/**
 * Imports a graph.json (an export, whole graph or subtree) the way the templates are imported: every
 * record checked (labels and types from schema/model.ts, references, kinds unchanged), then in one
 * transaction compared with the graph and, where it differs, written with one change-log entry per
 * record, the file name as the source. Same file twice: nothing written the second time. It adds and
 * updates, never deletes; the change-log section of a backup is not imported (that is restore's job).
 *
 * Only an unrestricted caller (an admin, or the CLI) imports graph.json: its records carry no area.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { type ChangeRecord, changeRecord, changeSequence } from '../../graph/change-log.ts';
import type { GraphStore } from '../../graph/graph-store.ts';
import { relationshipEndsMisfit } from '../../graph/write-rules.ts';
import { KINDS, type RelationshipType } from '../../schema/model.ts';
import { safetyBackup } from './backup.ts';
import { checkRecord } from './check-record.ts';
import {
  type ClaimRecord,
  ContentHash,
  canonical,
  isTrailer,
  type NodeRecord,
  type RelationshipRecord,
  readGraphDocument,
} from './graph-document.ts';
import { GraphView } from './graph-view.ts';
import { emptyCounts, type ImportIssue, type ImportReport, type IssueCode } from './import-report.ts';
import { sortIssues } from './plan-import.ts';
import { IMPORT_TIMEOUT_MS, type ImportOptions, WRITE_BATCH } from './run-import.ts';

interface Read<T> {
  record: T;
  line: number;
}

interface GraphFile {
  name: string;
  nodes: Read<NodeRecord>[];
  relationships: Read<RelationshipRecord>[];
  claims: Read<ClaimRecord>[];
  issues: ImportIssue[];
}

/**
 * Reads and checks every record of a graph.json (data/exchange/check-record.ts); the records that pass
 * are kept. A file that is cut short, or whose records do not give the content hash its trailer
 * carries, is refused whole (BAD_FILE): nothing of it is imported.
 */
export async function readGraphFile(name: string, input: Readable): Promise<GraphFile> {
  const file: GraphFile = { name, nodes: [], relationships: [], claims: [], issues: [] };
  const problem = (line: number, code: IssueCode, message: string, column?: string) =>
    file.issues.push({ file: name, row: line, ...(column ? { column } : {}), code, message });
  const hash = new ContentHash();
  try {
    for await (const item of readGraphDocument(input)) {
      if (isTrailer(item)) {
        if (item.contentHash !== hash.hex)
          problem(0, 'BAD_FILE', `its records give content hash ${hash.hex}, not the ${item.contentHash} the file carries (altered?)`);
        continue;
      }
      if (!('section' in item)) continue;
      const { section, line } = item;
      if (section === 'changes') continue;
      hash.add(section, item.record);
      const checked = checkRecord(section, item.record);
      if (checked.problem) problem(line, checked.problem.code, checked.problem.message, checked.problem.column);
      else if (section === 'nodes') file.nodes.push({ record: checked.record as NodeRecord, line });
      else if (section === 'relationships') file.relationships.push({ record: checked.record as RelationshipRecord, line });
      else file.claims.push({ record: checked.record as ClaimRecord, line });
    }
  } catch (error) {
    problem(0, 'BAD_FILE', `not a readable graph.json: ${(error as Error).message}`);
  }
  return file;
}

/** A graph.json's records carry no area: an editor is refused the import whole (the route, before reading it). */
export const graphJsonOutOfScope = (file: string, scope: string): ImportIssue => ({
  file,
  row: 1,
  code: 'OUT_OF_SCOPE',
  message: `a graph.json import changes any part of the graph; only an admin may run it (your area is ${scope})`,
});

class Refused extends Error {}

export async function importGraphFile(store: GraphStore, path: string, options: ImportOptions): Promise<ImportReport> {
  return importGraphJson(store, await readGraphFile(basename(path), createReadStream(path)), options);
}

export async function importGraphJson(store: GraphStore, file: GraphFile, options: ImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const issues = [...file.issues];
  const problem = (line: number, code: IssueCode, message: string, column?: string) =>
    issues.push({ file: file.name, row: line, ...(column ? { column } : {}), code, message });
  if (options.scope !== null) issues.push(graphJsonOutOfScope(file.name, options.scope));

  const duplicates = <T extends { id: string }>(reads: Read<T>[], what: string) => {
    const seen = new Map<string, number>();
    return reads.filter(({ record, line }) => {
      const first = seen.get(record.id);
      if (first !== undefined) problem(line, 'DUPLICATE_ID', `${what} ${record.id} is already on line ${first}`, 'id');
      else seen.set(record.id, line);
      return first === undefined;
    });
  };
  const nodes = duplicates(file.nodes, 'node');
  const relationships = duplicates(file.relationships, 'relationship');
  const claims = duplicates(file.claims, 'claim');

  const counts = { nodes: emptyCounts(), relationships: emptyCounts(), claims: emptyCounts() };
  const report = (written: boolean, changes: number): ImportReport => ({
    dryRun: options.dryRun,
    written,
    files: [file.name],
    counts,
    changes,
    errors: sortIssues(issues),
    seconds: (performance.now() - started) / 1000,
    ...(safety && written ? { safetyBackup: safety } : {}),
  });
  let safety: string | null = null;

  const dryRun = options.dryRun || issues.length > 0;
  const baseIssues = [...issues];
  const work = async (view: GraphView) => {
    // From scratch on each attempt: the driver retries a transaction that hit a transient error.
    for (const c of Object.values(counts)) Object.assign(c, emptyCounts());
    issues.length = 0;
    issues.push(...baseIssues);
    const inFile = new Map(nodes.map(({ record }) => [record.id, record]));
    const named = new Set([
      ...inFile.keys(),
      ...relationships.flatMap(({ record }) => [record.from, record.to]),
      ...claims.map(({ record }) => record.subject),
    ]);
    const stored = await view.entities(named);
    const storedLinks = await view.relationships(relationships.map(({ record }) => ({ id: record.id, from: record.from })));
    const storedClaims = await view.claims(claims.map(({ record }) => record.id));
    const exists = (id: string) => inFile.has(id) || stored.has(id);

    const nextChange = changeSequence(options.actor);
    const changes: ChangeRecord[] = [];
    const change = (
      action: string,
      entityId: string,
      entityKind: string,
      before: Record<string, unknown> | null,
      after: Record<string, unknown>,
    ) => {
      changes.push(changeRecord(nextChange(action), { entityId, entityKind, before, after, source: { document: file.name } }));
    };
    const writes = {
      create: [] as NodeRecord[],
      replace: [] as NodeRecord[],
      links: [] as RelationshipRecord[],
      claims: [] as ClaimRecord[],
    };
    // A record to write: queued, counted and logged (a creation has no before).
    const write = <R extends { id: string }>(
      queue: R[],
      counted: ReturnType<typeof emptyCounts>,
      record: R,
      entityKind: string,
      before: Record<string, unknown> | null,
      after: Record<string, unknown>,
    ) => {
      queue.push(record);
      if (before === null) counted.created += 1;
      else counted.updated += 1;
      change(before === null ? 'importCreate' : 'importUpdate', record.id, entityKind, before, after);
    };

    for (const { record, line } of nodes) {
      counts.nodes.rows += 1;
      const existing = stored.get(record.id);
      const category = KINDS[record.props.kind as keyof typeof KINDS].category;
      if (!existing) {
        write(writes.create, counts.nodes, record, category, null, record.props);
      } else if (existing.props.kind !== record.props.kind) {
        problem(line, 'KIND_CHANGED', `${record.id} is stored as ${String(existing.props.kind)}; its kind stays`, 'props.kind');
      } else if (
        canonical(existing.props) !== canonical(record.props) ||
        canonical([...existing.labels].sort()) !== canonical([...record.labels].sort())
      ) {
        write(writes.replace, counts.nodes, record, category, existing.props, record.props);
      } else counts.nodes.unchanged += 1;
    }
    for (const { record, line } of relationships) {
      counts.relationships.rows += 1;
      const missing = [record.from, record.to].find((id) => !exists(id));
      if (missing) {
        problem(
          line,
          'UNKNOWN_REFERENCE',
          `${record.id}: ${missing} is neither in the graph nor in this file`,
          missing === record.from ? 'from' : 'to',
        );
        continue;
      }
      // The model's ends (graph/write-rules.ts): reads rely on them (server/related-fields.ts farCategory).
      const kindOf = (id: string) => (inFile.get(id) ?? stored.get(id))?.props.kind as string | undefined;
      const misfit = relationshipEndsMisfit({ ...record, type: record.type as RelationshipType }, kindOf);
      if (misfit) {
        problem(line, 'WRONG_KIND', `${record.id}: ${misfit.message}`, misfit.end);
        continue;
      }
      const existing = storedLinks.get(record.id);
      const state = { ...record.props, type: record.type, from: record.from, to: record.to };
      if (!existing) {
        write(writes.links, counts.relationships, record, 'Relationship', null, state);
      } else if (existing.type !== record.type || existing.to !== record.to) {
        problem(
          line,
          record.type === 'PAIRED_WITH' ? 'PAIRING_ENDS_CHANGED' : 'BAD_VALUE',
          `${record.id} is stored as ${existing.type} to ${existing.to}`,
          'to',
        );
      } else if (canonical(existing.props) !== canonical(record.props)) {
        const before = { ...existing.props, type: existing.type, from: record.from, to: existing.to };
        write(writes.links, counts.relationships, record, 'Relationship', before, state);
      } else counts.relationships.unchanged += 1;
    }
    for (const { record, line } of claims) {
      counts.claims.rows += 1;
      if (!exists(record.subject)) {
        problem(
          line,
          'UNKNOWN_REFERENCE',
          `${record.id}: its subject ${record.subject} is neither in the graph nor in this file`,
          'subject',
        );
        continue;
      }
      const existing = storedClaims.get(record.id);
      if (!existing) {
        write(writes.claims, counts.claims, record, 'Claim', null, { ...record.props, subject: record.subject });
      } else if (canonical(existing.props) !== canonical(record.props) || !existing.subjects.includes(record.subject)) {
        const before = { ...existing.props, subjects: existing.subjects };
        write(writes.claims, counts.claims, record, 'Claim', before, { ...record.props, subject: record.subject });
      } else counts.claims.unchanged += 1;
    }
    return { writes, changes };
  };

  try {
    if (dryRun) {
      await store.readTx((tx) => work(new GraphView(tx, false)), { timeoutMs: options.timeoutMs ?? IMPORT_TIMEOUT_MS });
      return report(false, 0);
    }
    const written = await store.write(
      async (tx) => {
        const view = new GraphView(tx, true);
        const { writes, changes } = await work(view);
        if (issues.length > 0) throw new Refused();
        // What the graph holds before anything of it is replaced (read outside this transaction).
        if (changes.length > 0 && options.safetyDir) safety ??= await safetyBackup(store, options.safetyDir, 'before-import');
        const asRows = (records: NodeRecord[]) => records.map((r) => ({ id: r.id, labels: r.labels, props: r.props }));
        await view.write('import/create-entities', asRows(writes.create), WRITE_BATCH);
        await view.write('import/replace-entities', asRows(writes.replace), WRITE_BATCH);
        await view.write('import/replace-links', writes.links as unknown as Record<string, unknown>[], WRITE_BATCH);
        await view.write('import/merge-claims', writes.claims as unknown as Record<string, unknown>[], WRITE_BATCH);
        await view.write('import/record-changes', changes, WRITE_BATCH);
        return changes.length;
      },
      { timeoutMs: options.timeoutMs ?? IMPORT_TIMEOUT_MS },
    );
    return report(written > 0, written);
  } catch (error) {
    // Problems found against the graph: the transaction is rolled back, nothing is written.
    if (error instanceof Refused) return report(false, 0);
    throw error;
  }
}
