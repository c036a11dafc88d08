/**
 * An editor's area on an import: what a changing row touches must lie inside it. Which stored
 * entities lie outside is asked of the graph once, by the one write rule
 * (cypher/scope/find-outside-area.cypher); this step decides, without the database, where each new
 * entity of the file lies and which field of a row reaches outside.
 *
 * Only rows that change something are checked: restating an unchanged fact outside the area is fine.
 * Checked: the entity a row changes, and both ends of every link it adds or (by a move) ends.
 */
import { parentTypeOf as parentLinkOf, type ScopeRole, scopeTargets } from '../../graph/write-rules.ts';
import { KINDS } from '../../schema/model.ts';
import { describe, type Known, kindAfter, nameAfter, type Problems, parentIdsOf } from './import-checks.ts';
import type { EntityRow, ImportRow } from './parse-rows.ts';

/** The parent link type of a kind's category (graph/write-rules.ts); undefined for categories without parents. */
export const parentTypeOf = (kind: EntityRow['kind']): string | undefined => parentLinkOf(KINDS[kind].category) ?? undefined;

/** The column that names each entity a write must find inside the area (graph/write-rules.ts scopeTargets). */
const COLUMN_OF: Record<ScopeRole, string> = {
  subject: 'id',
  parent: 'parentId',
  currentParent: 'parentId',
  governs: 'governsPlaceId',
  locatedIn: 'locatedInId',
  positionAt: 'positionAtId',
  partner: 'partnerId',
  target: 'targetId',
};

export interface AreaFacts {
  known: Known;
  /** The editor's area; null: unrestricted (then nothing is checked). */
  scope: string | null;
  /** The stored entities read for the rows (and their stored parents): `outside` covers exactly these. */
  touched: ReadonlySet<string>;
  /** Which of `touched` lie outside the area; null when unrestricted. */
  outside: ReadonlySet<string> | null;
  /** Stored positions, by `${personId}|${atId}`. */
  positions: ReadonlyMap<string, Record<string, unknown>>;
  /** The import's entity rows, for the positions a new person holds. */
  entityRows: readonly EntityRow[];
}

/** One field of a row that reaches outside the area: [column key, the id outside, why it matters]. */
export type Outside = [key: string, id: string, why?: string];

export function areaCheck(facts: AreaFacts, problems: Problems) {
  const { known, outside } = facts;
  const positionsInFile = new Map<string, string[]>();
  for (const r of facts.entityRows)
    if (r.template === 'people' && r.positionAtId) positionsInFile.set(r.id, [...(positionsInFile.get(r.id) ?? []), r.positionAtId]);
  const memo = new Map<string, boolean>();

  /** Whether an id lies in the area: a stored one as the graph says, a new one by what it hangs from. */
  const inScope = (id: string): boolean => {
    if (!outside) return true;
    if (facts.touched.has(id)) return !outside.has(id);
    const row = known.firstOf.get(id);
    if (!row || problems.bad.has(row)) return false;
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
  const outsideOf = (row: ImportRow): Outside | null => {
    if (!outside) return null;
    const targets = row.template === 'pairings' ? scopeTargets({ partner: row.partnerId, target: row.targetId }) : entityTargets(row);
    for (const { role, id } of targets) {
      if (inScope(id)) continue;
      return role === 'currentParent' ? [COLUMN_OF[role], id, `${row.id} lies under it now; moving it`] : [COLUMN_OF[role], id];
    }
    return null;
  };

  /** What an entity row must find inside: what it changes or adds (a link restated as stored adds nothing), then a new entity itself. */
  const entityTargets = (row: EntityRow) => {
    const existing = known.stored.get(row.id);
    const parentType = parentTypeOf(row.kind);
    const added = (type: string, to: string | null) =>
      to !== null && !existing?.links.some((l) => l.type === type && l.to === to) ? to : null;
    const newParent = parentType ? added(parentType, row.parentId) : null;
    const position = facts.positions.get(`${row.id}|${row.positionAtId}`);
    return [
      ...scopeTargets({
        subject: existing ? row.id : null,
        parent: newParent,
        // A move ends the links to the present parents: they must lie inside too.
        currentParents: existing && newParent ? parentIdsOf(existing) : [],
        governs: added('GOVERNS', row.governsPlaceId),
        locatedIn: added('LOCATED_IN', row.locatedInId),
        positionAt: row.positionAtId && (!position || position.title !== row.title) ? row.positionAtId : null,
      }),
      ...(existing ? [] : [{ role: 'subject' as const, id: row.id }]),
    ];
  };

  /** Refuses a changing row that reaches outside the area; true when it did. */
  const refused = (row: ImportRow): boolean => {
    const found = outsideOf(row);
    if (!found) return false;
    const [key, id, why] = found;
    const what = `${describe(id, kindAfter(known, id), nameAfter(known, id))} is outside your area ${facts.scope}`;
    problems.refuse(row, 'OUT_OF_SCOPE', why ? `${why} ends a link to ${what}` : what, key);
    return true;
  };

  return { inScope, outsideOf, refused };
}
