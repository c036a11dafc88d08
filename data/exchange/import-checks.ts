/**
 * The checks an import's rows pass before anything is planned, as pure steps over what planImport
 * read of the graph: duplicates within the import, references that exist and fit, a hierarchy
 * without cycles, pairings whose ends stay and whose spans do not overlap. Each step notes its
 * problems in one Problems list; a row with a problem is refused (nothing of it is written).
 */
import { type Expected, endsBeforeStart, hasEnded, isParentLink, referenceRefusal, spansOverlap } from '../../graph/write-rules.ts';
import { KINDS, PAIRING_KINDS, RELATIONSHIP_TYPES } from '../../schema/model.ts';
import type { PairingSpan, StoredEntity, StoredPairing } from './graph-view.ts';
import { type ImportIssue, type IssueCode, issue, type RowOrigin } from './import-report.ts';
import { type EntityRow, headerOf, type ImportRow, type PairingRow } from './parse-rows.ts';

/** The problems found so far, and the rows they refuse. */
export class Problems {
  readonly issues: ImportIssue[] = [];
  /** Rows with a problem: nothing of theirs is written, and later checks pass them by. */
  readonly bad = new Set<ImportRow>();

  /** Notes a problem of `row` (in its column `key`) without refusing it yet. */
  note(row: ImportRow, code: IssueCode, message: string, key?: string): void {
    this.issues.push(issue(row.origin, code, message, key ? headerOf(row.template, key) : undefined));
  }

  /** Notes a problem and refuses the row. */
  refuse(row: ImportRow, code: IssueCode, message: string, key?: string): void {
    this.note(row, code, message, key);
    this.bad.add(row);
  }
}

/** What the checks know of each id the rows name: the stored entity, and the file's first row of it. */
export interface Known {
  stored: ReadonlyMap<string, StoredEntity>;
  /** The first row of each entity id in the import (later rows of a person add positions). */
  firstOf: ReadonlyMap<string, EntityRow>;
  /** Ids of rows dropped while parsing, and where: a reference to one names that row. */
  rejected?: ReadonlyMap<string, RowOrigin> | undefined;
}

/** The parents a stored entity hangs from (REPORTS_TO for organizations, PART_OF for places). */
export const parentIdsOf = (entity: StoredEntity): string[] => entity.links.filter((l) => isParentLink(l.type)).map((l) => l.to);

/** Kind of an id after the import: the stored node's, else the file's row's. */
export const kindAfter = (known: Known, id: string): string | undefined =>
  (known.stored.get(id)?.props.kind as string | undefined) ?? known.firstOf.get(id)?.kind;

/** Name of an id after the import: the file's row's, else the stored node's. */
export const nameAfter = (known: Known, id: string): unknown => known.firstOf.get(id)?.name ?? known.stored.get(id)?.props.name;

export const describe = (id: string, kind: string | undefined, name: unknown) => `${String(name ?? id)} (${id}${kind ? `, ${kind}` : ''})`;

const describeAfter = (known: Known, id: string) => describe(id, kindAfter(known, id), nameAfter(known, id));

const where = (origin: RowOrigin) => `${origin.file}${origin.sheet ? `[${origin.sheet}]` : ''} row ${origin.row}`;

/**
 * Duplicates within the import: an entity id given twice (a person may come back with another
 * position, under the same name), a pairing id given twice. Returns the first row of each id.
 */
export function findDuplicates(entityRows: readonly EntityRow[], pairingRows: readonly PairingRow[], problems: Problems) {
  const firstOf = new Map<string, EntityRow>();
  const positionsSeen = new Set<string>();
  for (const row of entityRows) {
    const first = firstOf.get(row.id);
    if (!first) {
      firstOf.set(row.id, row);
      if (row.template === 'people') positionsSeen.add(`${row.id}|${row.positionAtId}`);
      continue;
    }
    if (row.template === 'people' && first.template === 'people') {
      // One person, several positions: one row each, with the same name.
      const key = `${row.id}|${row.positionAtId}`;
      if (positionsSeen.has(key)) {
        problems.refuse(row, 'DUPLICATE_ID', `${row.id} at ${row.positionAtId} is already given by ${where(first.origin)}`, 'id');
      } else if (row.name !== first.name) {
        problems.refuse(row, 'BAD_VALUE', `${row.id} is named ${first.name} by ${where(first.origin)}, not ${row.name}`, 'name');
      }
      positionsSeen.add(key);
      continue;
    }
    problems.refuse(row, 'DUPLICATE_ID', `${row.id} is already given by ${where(first.origin)}`, 'id');
  }
  const pairingFirst = new Map<string, PairingRow>();
  for (const row of pairingRows) {
    const first = pairingFirst.get(row.id);
    if (first) problems.refuse(row, 'DUPLICATE_ID', `pairing ${row.id} is already given by ${where(first.origin)}`, 'id');
    else pairingFirst.set(row.id, row);
  }
  return { firstOf, pairingFirst };
}

/**
 * A reference to an entity that must exist (in the graph or the import) and be of one of
 * `categories` (or, when given, of one of `kinds`); a row whose reference does not is refused.
 */
export function checkReference(
  known: Known,
  problems: Problems,
  row: ImportRow,
  key: string,
  id: string | null,
  categories: readonly string[],
  kinds?: readonly string[],
): void {
  if (id === null) return;
  // The write rule the mutations apply too (graph/write-rules.ts); the wording is the import's.
  const expected = (kinds ? { kinds } : { categories }) as Expected;
  const refusal = referenceRefusal(kindAfter(known, id), expected);
  if (refusal?.rule === 'UNKNOWN_REFERENCE') {
    const dropped = known.rejected?.get(id);
    const why = dropped
      ? `${id} is not in the graph, and its row in this import (${dropped.file}${dropped.sheet ? `[${dropped.sheet}]` : ''} row ${dropped.row}) has problems`
      : `${id} is neither in the graph nor in this import`;
    problems.refuse(row, 'UNKNOWN_REFERENCE', why, key);
    return;
  }
  if (refusal) problems.refuse(row, 'WRONG_KIND', `must be ${refusal.expected.join(' or ')}; ${describeAfter(known, id)} is not`, key);
}

/** Entity rows: a stored entity keeps its kind; its parent, place and position references exist and fit. */
export function checkEntityRows(rows: readonly EntityRow[], known: Known, problems: Problems): void {
  for (const row of rows) {
    if (problems.bad.has(row)) continue;
    const existing = known.stored.get(row.id);
    if (existing && existing.props.kind !== row.kind) {
      const kind = String(existing.props.kind);
      problems.refuse(row, 'KIND_CHANGED', `${describe(row.id, kind, existing.props.name)} exists; its kind stays ${kind}`, 'kind');
      continue;
    }
    const category = KINDS[row.kind].category;
    if (row.parentId) checkReference(known, problems, row, 'parentId', row.parentId, [category]);
    // What each relationship the row writes may end at: the model's table (schema/model.ts RELATIONSHIP_TYPES).
    checkReference(known, problems, row, 'governsPlaceId', row.governsPlaceId, RELATIONSHIP_TYPES.GOVERNS.to);
    checkReference(known, problems, row, 'locatedInId', row.locatedInId, RELATIONSHIP_TYPES.LOCATED_IN.to);
    checkReference(known, problems, row, 'positionAtId', row.positionAtId, RELATIONSHIP_TYPES.HOLDS_POSITION.to);
  }
}

/**
 * The stored hierarchy above the entities planImport read: each id's parents, from the links above
 * the new parents (`ancestorLinks`) and the stored entities' own parent links.
 */
export function storedParents(
  ancestorLinks: readonly { child: string; parent: string }[],
  stored: ReadonlyMap<string, StoredEntity>,
): Map<string, string[]> {
  const upLinks = new Map<string, string[]>();
  for (const link of ancestorLinks) upLinks.set(link.child, [...(upLinks.get(link.child) ?? []), link.parent]);
  for (const [id, entity] of stored) {
    const parents = parentIdsOf(entity);
    if (parents.length > 0 && !upLinks.has(id)) upLinks.set(id, parents);
  }
  return upLinks;
}

/**
 * Cycles: from each new parent, walks up over the hierarchy as it will be (a row's parent where the
 * import gives one, else the stored ones) and refuses a row that would end up under itself.
 */
export function findCycles(movers: readonly EntityRow[], known: Known, upLinks: ReadonlyMap<string, string[]>, problems: Problems): void {
  const parentsAfter = (id: string): string[] => {
    const row = known.firstOf.get(id);
    if (row?.parentId && !problems.bad.has(row)) return [row.parentId];
    return upLinks.get(id) ?? [];
  };
  for (const row of movers) {
    const chain = pathUp(row.parentId!, row.id, parentsAfter);
    if (chain) {
      problems.refuse(
        row,
        'CYCLE',
        `${describeAfter(known, row.parentId!)} lies under ${row.name} ` +
          `(${chain.map((id) => String(nameAfter(known, id) ?? id)).join(' → ')}): ${row.name} cannot be put under it`,
        'parentId',
      );
    }
  }
}

/**
 * The chain from `start` up to `target` over `parentsOf`, or null when `target` is not above it
 * (or is `start` itself: an entity cannot be its own parent, which this reports as a chain of one).
 */
export function pathUp(start: string, target: string, parentsOf: (id: string) => string[]): string[] | null {
  const seen = new Set<string>();
  const walk = (id: string, chain: string[]): string[] | null => {
    if (id === target) return [...chain, id];
    if (seen.has(id)) return null;
    seen.add(id);
    for (const parent of parentsOf(id)) {
      const found = walk(parent, [...chain, id]);
      if (found) return found;
    }
    return null;
  };
  return walk(start, []);
}

/** A pairing's dates after the import: the row's where given, else the stored ones. */
const spanAfter = (row: PairingRow, existing: StoredPairing | undefined) => ({
  from: row.validFrom ?? (existing?.props.validFrom as string | undefined) ?? null,
  to: row.validTo ?? (existing?.props.validTo as string | undefined) ?? null,
});

/**
 * Pairing rows: the partner and target exist and are of the kinds the pairing kind joins; a stored
 * pairing keeps its ends and kind, is not made active again once ended, and does not end before it starts.
 */
export function checkPairingRows(
  rows: readonly PairingRow[],
  known: Known,
  storedPairings: ReadonlyMap<string, StoredPairing>,
  problems: Problems,
): void {
  for (const row of rows) {
    if (problems.bad.has(row)) continue;
    const before = problems.issues.length;
    checkReference(known, problems, row, 'partnerId', row.partnerId, [], PAIRING_KINDS[row.kind].from);
    checkReference(known, problems, row, 'targetId', row.targetId, [], PAIRING_KINDS[row.kind].to);
    const existing = storedPairings.get(row.id);
    if (existing) {
      const changed = [
        existing.partnerId !== row.partnerId ? `partner ${existing.partnerId}` : null,
        existing.targetId !== row.targetId ? `target ${existing.targetId}` : null,
        existing.props.kind !== row.kind ? `kind ${String(existing.props.kind)}` : null,
      ].filter(Boolean);
      if (changed.length > 0) {
        problems.note(
          row,
          'PAIRING_ENDS_CHANGED',
          `pairing ${row.id} is stored with ${changed.join(', ')}; end it and start a new one (or re-match it)`,
          'id',
        );
      }
      if (hasEnded(existing.props) && row.status === 'active') {
        problems.note(
          row,
          'BAD_VALUE',
          `pairing ${row.id} ended on ${String(existing.props.validTo)}; an ended pairing is not made active again`,
          'status',
        );
      }
      const { from, to } = spanAfter(row, existing);
      if (endsBeforeStart(from, to)) problems.note(row, 'BAD_VALUE', `would end on ${to}, before it started (${from})`, 'validTo');
    }
    if (problems.issues.length > before) problems.bad.add(row);
  }
}

interface Span {
  id: string;
  from: string | null;
  to: string | null;
  row?: PairingRow;
}

/**
 * Overlaps: two pairings of the same kind between the same partner and target may not hold at the
 * same time. A row's span replaces the stored span of its own id; an open end is open-ended.
 */
export function findPairingOverlaps(
  rows: readonly PairingRow[],
  storedPairings: ReadonlyMap<string, StoredPairing>,
  storedSpans: readonly PairingSpan[],
  problems: Problems,
): void {
  const spansByEnds = new Map<string, Span[]>();
  const addSpan = (key: string, span: Span) =>
    spansByEnds.set(key, [...(spansByEnds.get(key) ?? []).filter((s) => s.id !== span.id), span]);
  for (const s of storedSpans) addSpan(`${s.kind}|${s.partnerId}|${s.targetId}`, { id: s.id, from: s.validFrom, to: s.validTo });
  for (const row of rows) {
    if (problems.bad.has(row)) continue;
    addSpan(`${row.kind}|${row.partnerId}|${row.targetId}`, { id: row.id, ...spanAfter(row, storedPairings.get(row.id)), row });
  }
  for (const spans of spansByEnds.values()) {
    for (const span of spans) {
      if (!span.row) continue;
      const other = spans.find((s) => s !== span && spansOverlap(s, span));
      if (other) {
        problems.refuse(
          span.row,
          'PAIRING_OVERLAP',
          `${span.row.partnerId} and ${span.row.targetId} have ${span.row.kind} pairing ${other.id} ` +
            `(${other.from ?? '…'} to ${other.to ?? '…'}), which overlaps ${span.from ?? '…'} to ${span.to ?? '…'}`,
          'validFrom',
        );
      }
    }
  }
}
