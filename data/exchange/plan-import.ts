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
import { type Category, KINDS, type Kind, labelsOf, PAIRING_KINDS } from '../../schema/model.ts';
import type { GraphView, StoredEntity } from './graph-view.ts';
import { emptyCounts, type ImportIssue, type IssueCode, issue, type TemplateCounts } from './import-report.ts';
import { type EntityRow, headerOf, type ImportRow, type PairingRow, type Source } from './parse-rows.ts';

export interface LinkWrite {
  id: string;
  type: string;
  from: string;
  to: string;
  props: Record<string, unknown>;
}

export interface ImportPlan {
  createNodes: { labels: string[]; props: Record<string, unknown> }[];
  updateNodes: { id: string; props: Record<string, unknown> }[];
  deleteParentLinks: { id: string; type: string }[];
  links: LinkWrite[];
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

type Props = Record<string, unknown>;

const PARENT_TYPE = { Organization: 'REPORTS_TO', Place: 'PART_OF' } as const;

const categoryOf = (kind: string): Category | null => (Object.hasOwn(KINDS, kind) ? KINDS[kind as Kind].category : null);

/** Provenance with the row's source added, unless that document and sentence are already there. */
function withSource(props: Props, source: Source): { sourceDocuments: string[]; sourceQuotes: string[] } | null {
  const documents = (props.sourceDocuments as string[] | undefined) ?? [];
  const quotes = (props.sourceQuotes as string[] | undefined) ?? [];
  if (documents.some((d, i) => d === source.document && quotes[i] === source.quote)) return null;
  return { sourceDocuments: [...documents, source.document], sourceQuotes: [...quotes, source.quote] };
}

const provenance = (source: Source) => ({ sourceDocuments: [source.document], sourceQuotes: [source.quote] });

const linkOf = (from: string, type: string, to: string, source: Source, extra: Props = {}): LinkWrite => ({
  id: `${from}|${type}|${to}`,
  type,
  from,
  to,
  props: { id: `${from}|${type}|${to}`, synthetic: false, ...extra, ...provenance(source) },
});

const describe = (id: string, kind: string | undefined, name: unknown) => `${String(name ?? id)} (${id}${kind ? `, ${kind}` : ''})`;

export async function planImport(view: GraphView, rows: ImportRow[], options: PlanOptions): Promise<PlanResult> {
  const issues: ImportIssue[] = [];
  const problem = (row: ImportRow, code: IssueCode, message: string, key?: string) =>
    issues.push(issue(row.origin, code, message, key ? headerOf(row.template, key) : undefined));

  const entityRows = rows.filter((r): r is EntityRow => r.template !== 'pairings');
  const pairingRows = rows.filter((r): r is PairingRow => r.template === 'pairings');

  // --- duplicates within the import ------------------------------------------------------------
  const firstOf = new Map<string, EntityRow>();
  const where = (r: ImportRow) => `${r.origin.file}${r.origin.sheet ? `[${r.origin.sheet}]` : ''} row ${r.origin.row}`;
  const positionsSeen = new Set<string>();
  const bad = new Set<ImportRow>();
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
        problem(row, 'DUPLICATE_ID', `${row.id} at ${row.positionAtId} is already given by ${where(first)}`, 'id');
        bad.add(row);
      } else if (row.name !== first.name) {
        problem(row, 'BAD_VALUE', `${row.id} is named ${first.name} by ${where(first)}, not ${row.name}`, 'name');
        bad.add(row);
      }
      positionsSeen.add(key);
      continue;
    }
    problem(row, 'DUPLICATE_ID', `${row.id} is already given by ${where(first)}`, 'id');
    bad.add(row);
  }
  const pairingFirst = new Map<string, PairingRow>();
  for (const row of pairingRows) {
    const first = pairingFirst.get(row.id);
    if (first) {
      problem(row, 'DUPLICATE_ID', `pairing ${row.id} is already given by ${where(first)}`, 'id');
      bad.add(row);
    } else pairingFirst.set(row.id, row);
  }

  // --- the graph as stored, for every id the rows name -------------------------------------------
  const named = new Set<string>();
  for (const r of entityRows) for (const id of [r.id, r.parentId, r.governsPlaceId, r.locatedInId, r.positionAtId]) if (id) named.add(id);
  for (const r of pairingRows) named.add(r.partnerId).add(r.targetId);
  const stored = await view.entities(named);
  const storedPairings = await view.pairings(pairingFirst.keys());
  const existingPositions = await view.positions(
    entityRows.filter((r) => r.template === 'people').map((r) => ({ personId: r.id, atId: r.positionAtId! })),
  );
  // The editor's area: which stored entities the rows touch (or whose links a move ends) lie outside
  // it, by the one write rule (cypher/scope/find-outside-area.cypher).
  const parentsStored = (entity: StoredEntity) =>
    entity.links.filter((l) => l.type === 'REPORTS_TO' || l.type === 'PART_OF').map((l) => l.to);
  const touched = new Set([...stored.keys(), ...[...stored.values()].flatMap(parentsStored)]);
  const outsideStored = options.scope === null ? null : await view.outsideArea(options.scope, touched);

  /** Kind of an id after the import: the file's row, else the stored node. */
  const kindAfter = (id: string): string | undefined => (stored.get(id)?.props.kind as string | undefined) ?? firstOf.get(id)?.kind;
  const nameAfter = (id: string): unknown => firstOf.get(id)?.name ?? stored.get(id)?.props.name;

  /** A reference to an entity that must exist (in the graph or the import) and be of one of `categories`. */
  const reference = (row: ImportRow, key: string, id: string | null, categories: readonly string[], kinds?: readonly string[]) => {
    if (id === null) return;
    const kind = kindAfter(id);
    if (!kind) {
      const dropped = options.rejected?.get(id);
      const why = dropped
        ? `${id} is not in the graph, and its row in this import (${dropped.file}${dropped.sheet ? `[${dropped.sheet}]` : ''} row ${dropped.row}) has problems`
        : `${id} is neither in the graph nor in this import`;
      problem(row, 'UNKNOWN_REFERENCE', why, key);
      bad.add(row);
      return;
    }
    const fits = kinds ? kinds.includes(kind) : categories.includes(categoryOf(kind) ?? '');
    if (!fits) {
      problem(row, 'WRONG_KIND', `must be ${(kinds ?? categories).join(' or ')}; ${describe(id, kind, nameAfter(id))} is not`, key);
      bad.add(row);
    }
  };

  // --- entity rows: kind unchanged, references exist and fit ------------------------------------
  for (const row of entityRows) {
    if (bad.has(row)) continue;
    const existing = stored.get(row.id);
    if (existing && existing.props.kind !== row.kind) {
      problem(
        row,
        'KIND_CHANGED',
        `${describe(row.id, String(existing.props.kind), existing.props.name)} exists; its kind stays ${String(existing.props.kind)}`,
        'kind',
      );
      bad.add(row);
      continue;
    }
    const category = KINDS[row.kind].category;
    if (row.parentId) reference(row, 'parentId', row.parentId, [category]);
    reference(row, 'governsPlaceId', row.governsPlaceId, ['Place']);
    reference(row, 'locatedInId', row.locatedInId, ['Place']);
    reference(row, 'positionAtId', row.positionAtId, ['Organization', 'Place', 'Unit']);
  }

  // --- cycles: walk up from each new parent over the hierarchy as it will be ----------------------
  const movers = entityRows.filter((r) => !bad.has(r) && r.parentId);
  const upLinks = new Map<string, string[]>();
  for (const link of await view.ancestorLinks(movers.map((r) => r.parentId!).filter((id) => stored.has(id)))) {
    upLinks.set(link.child, [...(upLinks.get(link.child) ?? []), link.parent]);
  }
  for (const [id, entity] of stored) {
    const parents = entity.links.filter((l) => l.type === 'REPORTS_TO' || l.type === 'PART_OF').map((l) => l.to);
    if (parents.length > 0 && !upLinks.has(id)) upLinks.set(id, parents);
  }
  const parentsAfter = (id: string): string[] => {
    const row = firstOf.get(id);
    if (row?.parentId && !bad.has(row)) return [row.parentId];
    return upLinks.get(id) ?? [];
  };
  for (const row of movers) {
    const chain = pathUp(row.parentId!, row.id, parentsAfter);
    if (chain) {
      problem(
        row,
        'CYCLE',
        `${describe(row.parentId!, kindAfter(row.parentId!), nameAfter(row.parentId!))} lies under ${row.name} ` +
          `(${chain.map((id) => String(nameAfter(id) ?? id)).join(' → ')}): ${row.name} cannot be put under it`,
        'parentId',
      );
      bad.add(row);
    }
  }

  // --- pairings: ends of the right kinds, existing ones keep their ends, no overlaps -------------
  const pairingSpans = await view.pairingsBetween([
    ...new Map(pairingRows.map((r) => [`${r.partnerId}|${r.targetId}`, { partnerId: r.partnerId, targetId: r.targetId }])).values(),
  ]);
  for (const row of pairingRows) {
    if (bad.has(row)) continue;
    const before = issues.length;
    reference(row, 'partnerId', row.partnerId, [], PAIRING_KINDS[row.kind].from);
    reference(row, 'targetId', row.targetId, [], PAIRING_KINDS[row.kind].to);
    const existing = storedPairings.get(row.id);
    if (existing) {
      const changed = [
        existing.partnerId !== row.partnerId ? `partner ${existing.partnerId}` : null,
        existing.targetId !== row.targetId ? `target ${existing.targetId}` : null,
        existing.props.kind !== row.kind ? `kind ${String(existing.props.kind)}` : null,
      ].filter(Boolean);
      if (changed.length > 0) {
        problem(
          row,
          'PAIRING_ENDS_CHANGED',
          `pairing ${row.id} is stored with ${changed.join(', ')}; end it and start a new one (or re-match it)`,
          'id',
        );
      }
      if (existing.props.status === 'ended' && row.status === 'active') {
        problem(
          row,
          'BAD_VALUE',
          `pairing ${row.id} ended on ${String(existing.props.validTo)}; an ended pairing is not made active again`,
          'status',
        );
      }
      const from = row.validFrom ?? (existing.props.validFrom as string | undefined) ?? null;
      const to = row.validTo ?? (existing.props.validTo as string | undefined) ?? null;
      if (from && to && to < from) problem(row, 'BAD_VALUE', `would end on ${to}, before it started (${from})`, 'validTo');
    }
    if (issues.length > before) bad.add(row);
  }
  const spansByEnds = new Map<string, { id: string; from: string | null; to: string | null; row?: PairingRow }[]>();
  const addSpan = (key: string, span: { id: string; from: string | null; to: string | null; row?: PairingRow }) =>
    spansByEnds.set(key, [...(spansByEnds.get(key) ?? []).filter((s) => s.id !== span.id), span]);
  for (const s of pairingSpans) addSpan(`${s.kind}|${s.partnerId}|${s.targetId}`, { id: s.id, from: s.validFrom, to: s.validTo });
  for (const row of pairingRows) {
    if (bad.has(row)) continue;
    const existing = storedPairings.get(row.id);
    const from = row.validFrom ?? (existing?.props.validFrom as string | undefined) ?? null;
    const to = row.validTo ?? (existing?.props.validTo as string | undefined) ?? null;
    addSpan(`${row.kind}|${row.partnerId}|${row.targetId}`, { id: row.id, from, to, row });
  }
  for (const spans of spansByEnds.values()) {
    for (const span of spans) {
      if (!span.row) continue;
      const other = spans.find((s) => s !== span && (s.from ?? '0000') <= (span.to ?? '9999') && (span.from ?? '0000') <= (s.to ?? '9999'));
      if (other) {
        problem(
          span.row,
          'PAIRING_OVERLAP',
          `${span.row.partnerId} and ${span.row.targetId} have ${span.row.kind} pairing ${other.id} ` +
            `(${other.from ?? '…'} to ${other.to ?? '…'}), which overlaps ${span.from ?? '…'} to ${span.to ?? '…'}`,
          'validFrom',
        );
        bad.add(span.row);
      }
    }
  }

  // --- an editor's area: what a changing row touches must lie inside it -------------------------
  // Only rows that change something are checked: restating an unchanged fact outside the area is fine.
  // Checked: the entity a row changes, and both ends of every link it adds or (by a move) ends.
  const positionsInFile = new Map<string, string[]>();
  for (const r of entityRows)
    if (r.template === 'people' && r.positionAtId) positionsInFile.set(r.id, [...(positionsInFile.get(r.id) ?? []), r.positionAtId]);
  const memo = new Map<string, boolean>();
  const inScope = (id: string): boolean => {
    if (!outsideStored) return true;
    if (touched.has(id)) return !outsideStored.has(id);
    const row = firstOf.get(id);
    if (!row || bad.has(row)) return false;
    if (memo.has(id)) return memo.get(id)!;
    memo.set(id, false); // a cycle of new rows is not in the area
    // A new entity lies in the area when everything it hangs from does (a new person: its positions);
    // one hanging from nothing (a unit, a district committee) is in no area.
    const anchors =
      row.template === 'people'
        ? (positionsInFile.get(id) ?? [])
        : [row.parentId, row.governsPlaceId, row.locatedInId].filter((a): a is string => a !== null);
    const result = anchors.length > 0 && anchors.every(inScope);
    memo.set(id, result);
    return result;
  };
  /**
   * The first field of a changing row that lies outside the area, if any, and what it is to the row:
   * the entity it changes, and the far end of each link it adds, changes or (by a move) ends. A link
   * the row restates as stored changes nothing and is not checked.
   */
  const outsideOf = (row: ImportRow): [string, string, string?] | null => {
    if (!outsideStored) return null;
    if (row.template === 'pairings') {
      const ends: [string, string][] = [
        ['targetId', row.targetId],
        ['partnerId', row.partnerId],
      ];
      for (const [key, id] of ends) if (!inScope(id)) return [key, id];
      return null;
    }
    const existing = stored.get(row.id);
    const parentType = PARENT_TYPE[KINDS[row.kind].category as keyof typeof PARENT_TYPE];
    const added = (type: string, to: string | null) =>
      to !== null && !existing?.links.some((l) => l.type === type && l.to === to) ? to : null;
    const newParent = parentType ? added(parentType, row.parentId) : null;
    const position = existingPositions.get(`${row.id}|${row.positionAtId}`);
    const checks: [string, string | null, string?][] = [
      ['id', existing ? row.id : null],
      ['parentId', newParent],
      // A move ends the links to the present parents: they must lie inside too.
      ...(existing && newParent
        ? parentsStored(existing).map((p): [string, string, string] => ['parentId', p, `${row.id} lies under it now; moving it`])
        : []),
      ['governsPlaceId', added('GOVERNS', row.governsPlaceId)],
      ['locatedInId', added('LOCATED_IN', row.locatedInId)],
      ['positionAtId', row.positionAtId && (!position || position.title !== row.title) ? row.positionAtId : null],
      ['id', existing ? null : row.id],
    ];
    for (const [key, id, why] of checks) if (id && !inScope(id)) return [key, id, why];
    return null;
  };
  const refusedOutside = (row: ImportRow): boolean => {
    const outside = outsideOf(row);
    if (!outside) return false;
    const [key, id, why] = outside;
    const what = `${describe(id, kindAfter(id), nameAfter(id))} is outside your area ${options.scope}`;
    problem(row, 'OUT_OF_SCOPE', why ? `${why} ends a link to ${what}` : what, key);
    bad.add(row);
    return true;
  };

  // --- the plan: what differs from the graph -------------------------------------------------------
  const nextChange = changeSequence(options.actor);
  const plan: ImportPlan = { createNodes: [], updateNodes: [], deleteParentLinks: [], links: [], changes: [] };
  const counts: Record<string, TemplateCounts> = {};
  const count = (row: ImportRow) => {
    counts[row.template] ??= emptyCounts();
    counts[row.template]!.rows += 1;
    return counts[row.template]!;
  };
  const change = (row: ImportRow, action: string, entityKind: string, before: Props | null, after: Props, entityId = row.id) => {
    plan.changes.push(changeRecord(nextChange(action), { entityId, entityKind, before, after, source: { document: row.origin.file } }));
  };
  const nodeWritten = new Set<string>();
  const mark = () => [plan.createNodes.length, plan.updateNodes.length, plan.deleteParentLinks.length, plan.links.length] as const;
  const undo = ([c, u, d, l]: ReturnType<typeof mark>) => {
    plan.createNodes.length = c;
    plan.updateNodes.length = u;
    plan.deleteParentLinks.length = d;
    plan.links.length = l;
  };

  for (const row of entityRows) {
    const tally = count(row);
    if (bad.has(row)) continue;
    const existing = stored.get(row.id);
    const category = KINDS[row.kind].category;
    let action: 'importCreate' | 'importUpdate' | 'importMove' | null = null;
    const before = existing ? entityState(existing) : null;
    let after: Props = {};
    const marked = mark();

    if (!nodeWritten.has(row.id)) {
      nodeWritten.add(row.id);
      if (!existing) {
        const props = {
          id: row.id,
          kind: row.kind,
          name: row.name,
          ...(row.nameEn ? { nameEn: row.nameEn } : {}),
          synthetic: false,
          ...provenance(row.source),
        };
        plan.createNodes.push({ labels: labelsOf(row.kind), props });
        action = 'importCreate';
        after = { ...props, parentIds: row.parentId ? [row.parentId] : [] };
      } else {
        const set: Props = {};
        if (existing.props.name !== row.name) set.name = row.name;
        if (row.nameEn && existing.props.nameEn !== row.nameEn) set.nameEn = row.nameEn;
        const parentType = PARENT_TYPE[category as keyof typeof PARENT_TYPE];
        const parents = existing.links.filter((l) => l.type === parentType).map((l) => l.to);
        const moves = row.parentId !== null && parentType !== undefined && !(parents.length === 1 && parents[0] === row.parentId);
        if (Object.keys(set).length > 0) Object.assign(set, withSource(existing.props, row.source) ?? {});
        if (Object.keys(set).length > 0) {
          plan.updateNodes.push({ id: row.id, props: set });
          action = 'importUpdate';
        }
        if (moves) {
          plan.deleteParentLinks.push({ id: row.id, type: parentType });
          action = 'importMove';
        }
        after = { ...existing.props, ...set, parentIds: moves ? [row.parentId] : parents };
      }
      const parentType = PARENT_TYPE[category as keyof typeof PARENT_TYPE];
      if (row.parentId && parentType && (action === 'importCreate' || action === 'importMove')) {
        plan.links.push(linkOf(row.id, parentType, row.parentId, row.source));
      }
      for (const [type, target] of [
        ['GOVERNS', row.governsPlaceId],
        ['LOCATED_IN', row.locatedInId],
      ] as const) {
        if (target && !existing?.links.some((l) => l.type === type && l.to === target)) {
          plan.links.push(linkOf(row.id, type, target, row.source));
          action ??= 'importUpdate';
          after = { ...after, [type === 'GOVERNS' ? 'governsPlaceId' : 'locatedInId']: target };
        }
      }
    }

    if (row.template === 'people') {
      // The position: added when new, its title updated when it differs.
      const position = existingPositions.get(`${row.id}|${row.positionAtId}`);
      if (!position || position.title !== row.title) {
        const link = linkOf(row.id, 'HOLDS_POSITION', row.positionAtId!, row.source, { title: row.title });
        if (position) link.props = { title: row.title, ...(withSource(position, row.source) ?? {}) };
        plan.links.push(link);
        action ??= 'importUpdate';
        after = { ...(before ?? {}), ...after, position: { at: row.positionAtId, title: row.title } };
      }
    }

    if (action !== null && refusedOutside(row)) {
      undo(marked);
      continue;
    }
    if (action === null) tally.unchanged += 1;
    else {
      if (action === 'importCreate') tally.created += 1;
      else if (action === 'importMove') tally.moved += 1;
      else tally.updated += 1;
      change(row, action, category, before, after);
    }
  }

  for (const row of pairingRows) {
    const tally = count(row);
    if (bad.has(row)) continue;
    const existing = storedPairings.get(row.id);
    const given: Props = {
      ...(row.programme !== null ? { programme: row.programme } : {}),
      ...(row.status !== null ? { status: row.status } : {}),
      ...(row.validFrom !== null ? { validFrom: row.validFrom } : {}),
      ...(row.validTo !== null ? { validTo: row.validTo } : {}),
      ...(row.reason !== null ? { reason: row.reason } : {}),
    };
    const state = (props: Props) => ({ ...props, partnerId: row.partnerId, targetId: row.targetId });
    const set = existing ? Object.fromEntries(Object.entries(given).filter(([key, value]) => existing.props[key] !== value)) : {};
    if ((!existing || Object.keys(set).length > 0) && refusedOutside(row)) continue;
    if (!existing) {
      const props = { id: row.id, kind: row.kind, status: 'active', ...given, synthetic: false, ...provenance(row.source) };
      plan.links.push({ id: row.id, type: 'PAIRED_WITH', from: row.partnerId, to: row.targetId, props });
      tally.created += 1;
      change(row, 'importCreate', 'Pairing', null, state(props));
      continue;
    }
    if (Object.keys(set).length === 0) {
      tally.unchanged += 1;
      continue;
    }
    Object.assign(set, withSource(existing.props, row.source) ?? {});
    plan.links.push({ id: row.id, type: 'PAIRED_WITH', from: row.partnerId, to: row.targetId, props: set });
    tally.updated += 1;
    change(row, 'importUpdate', 'Pairing', state(existing.props), state({ ...existing.props, ...set }));
  }

  return { issues, counts, plan };
}

/** An entity as the change log records it: its properties and its parents. */
function entityState(entity: StoredEntity): Props {
  return {
    ...entity.props,
    parentIds: entity.links.filter((l) => l.type === 'REPORTS_TO' || l.type === 'PART_OF').map((l) => l.to),
  };
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

export function sortIssues(issues: ImportIssue[]): ImportIssue[] {
  return issues.sort((a, b) => a.file.localeCompare(b.file) || (a.sheet ?? '').localeCompare(b.sheet ?? '') || a.row - b.row);
}
