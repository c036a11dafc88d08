/**
 * Area history (区域变化): what changed in an area between two dates, as a difference. Coverage on
 * each date comes from the same query as pairingCoverage; the pairing events from the pairings' own
 * intervals (so documented and imported pairings count, not only changes made through the API);
 * moves from the change log, the only place a deleted REPORTS_TO link is remembered.
 *
 * Round trips: the area, then at once its coverage (one query per kind and date, in parallel) and its
 * ids followed by one query for every event. The export (routes/exports.ts) uses the same function.
 * The question's resolvers (resolvers/history.ts) are adapters over this module.
 */
import { type EntityObject, type Props, type Source, toEntity } from '../../graph/entity-mapper.ts';
import { badInput } from '../../graph/errors.ts';
import type { GraphStore } from '../../graph/graph-store.ts';
import { PAIRING_KINDS, type PairingKind } from '../../schema/model.ts';
import { dateArg } from '../args.ts';
import { instantArg } from '../edit-args.ts';
import type { Page } from '../paging.ts';
import { findArea, showSynthetic } from './areas.ts';
import { areaScope } from './audit.ts';
import { type ChangeObject, changeObject, listChanges } from './changes.ts';
import { type CoverageObject, coverageOf } from './coverage.ts';
import { listPairings, type PairingObject, type PairingRow, pairingObject } from './pairings.ts';

export interface PairingEvent {
  date: string;
  pairing: PairingObject;
  replaced: PairingObject | null;
  reason: string | null;
  source: Source | null;
  change: ChangeObject | null;
}

export interface OrganizationMove {
  organization: EntityObject;
  from: EntityObject[];
  to: EntityObject[];
  change: ChangeObject;
}

export interface CoverageDiff {
  kind: PairingKind;
  before: CoverageObject;
  after: CoverageObject;
  pairedChange: number;
  rateChange: number | null;
}

export interface AreaHistory {
  area: EntityObject;
  from: string;
  to: string;
  /** The ids within the area, kept for the `changes` field. */
  scope: string[];
  coverage: CoverageDiff[];
  started: PairingEvent[];
  ended: PairingEvent[];
  rematched: PairingEvent[];
  moves: OrganizationMove[];
}

interface EventRow extends PairingRow {
  changes: Props[];
  replaced: PairingRow | null;
}

interface MoveRow {
  change: Props;
  organization: Props | null;
  from: Props[];
  to: Props[];
}

const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The interval's bounds as the change log's UTC instants: [from 00:00, the day after `to` 00:00). */
export function intervalInstants(from: string, to: string) {
  return { since: instantArg('from', from)!, until: instantArg('to', dayAfter(to))! };
}

/**
 * A change made without a document cites itself ("change:<id>", see change-log.ts provenanceOf): that
 * is no report sentence, so it is left out here and the change entry says the rest.
 */
const stated = (source: Source | undefined) => (source && !source.document.startsWith('change:') ? source : null);

export function classify(rows: EventRow[], from: string, to: string) {
  const within = (date: string | null) => date != null && date >= from && date <= to;
  const started: PairingEvent[] = [];
  const ended: PairingEvent[] = [];
  const rematched: PairingEvent[] = [];
  for (const row of rows) {
    const pairing = pairingObject(row);
    const changes = row.changes.map(changeObject);
    // The pairing keeps one reason, the latest (an end overwrites a start's); the change entries keep each.
    const startChange = changes.find((c) => c.before == null) ?? null;
    const endChange = changes.find((c) => c.before != null) ?? null;
    if (within(pairing.validFrom)) {
      const event: PairingEvent = {
        date: pairing.validFrom!,
        pairing,
        replaced: row.replaced ? pairingObject(row.replaced) : null,
        reason: startChange ? startChange.reason : pairing.validTo == null ? pairing.reason : null,
        // A start is stated by the pairing's first source; an end appends its own (end-pairing.cypher).
        source: stated(pairing.sources[0]),
        change: startChange,
      };
      (pairing.replaces ? rematched : started).push(event);
    }
    if (within(pairing.validTo)) {
      ended.push({
        date: pairing.validTo!,
        pairing,
        replaced: null,
        reason: endChange?.reason ?? pairing.reason,
        source: stated(pairing.sources.at(-1)),
        change: endChange,
      });
    }
  }
  // A re-match ends the old pairing too: it is told once, as the re-match.
  const replacedIds = new Set(rematched.map((e) => e.pairing.replaces));
  return { started, ended: ended.filter((e) => !replacedIds.has(e.pairing.id)), rematched };
}

function diff(kind: PairingKind, before: CoverageObject, after: CoverageObject): CoverageDiff {
  return {
    kind,
    before,
    after,
    pairedChange: after.paired - before.paired,
    rateChange: before.rate == null || after.rate == null ? null : after.rate - before.rate,
  };
}

export interface AreaHistoryArgs {
  area: string;
  from: string;
  to?: string | null;
  kinds?: readonly PairingKind[] | null;
}

export async function areaHistory(store: Pick<GraphStore, 'read'>, args: AreaHistoryArgs): Promise<AreaHistory> {
  const from = dateArg('from', args.from);
  const to = dateArg('to', args.to);
  if (to < from) throw badInput('to', `must not be before from (${from})`);
  const kinds = args.kinds && args.kinds.length > 0 ? [...new Set(args.kinds)] : (Object.keys(PAIRING_KINDS) as PairingKind[]);
  const area = await findArea(store, 'area', args.area);
  const coverageOn = async (kind: PairingKind, asOf: string) =>
    coverageOf(store, area, { kind, asOf, includeSynthetic: showSynthetic({}, area) });
  const events = async () => {
    const { scope } = await areaScope(store, area.id);
    const [row] = await store.read<{ pairings: EventRow[]; moves: MoveRow[] }>('history/list-area-events', {
      scope: scope ?? [area.id],
      from,
      to,
      ...intervalInstants(from, to),
    });
    return { scope: scope ?? [area.id], pairings: row?.pairings ?? [], moves: row?.moves ?? [] };
  };
  const [coverage, found] = await Promise.all([
    Promise.all(kinds.map(async (kind) => diff(kind, ...(await Promise.all([coverageOn(kind, from), coverageOn(kind, to)]))))),
    events(),
  ]);
  return {
    area,
    from,
    to,
    scope: found.scope,
    coverage,
    ...classify(found.pairings, from, to),
    moves: found.moves
      .filter((m) => m.organization != null)
      .map((m) => ({
        organization: toEntity(m.organization!),
        from: m.from.map(toEntity),
        to: m.to.map(toEntity),
        change: changeObject(m.change),
      })),
  };
}

/** The log's entries about an area's ids within its history's interval (no account entries: they belong to no area). */
export function historyChanges(store: Pick<GraphStore, 'read'>, history: AreaHistory, page: Page) {
  return listChanges(
    store,
    { accounts: false, scope: history.scope, entityId: null, action: null, actor: null, ...intervalInstants(history.from, history.to) },
    page,
  );
}

/** The pairings a coverage counts: those of its kind active on its date within its area. */
export function coveragePairings(store: Pick<GraphStore, 'read'>, coverage: CoverageObject, page: Page) {
  return listPairings(
    store,
    {
      areaId: coverage.area.id,
      entityId: null,
      kind: coverage.kind,
      programme: null,
      status: null,
      activeOn: coverage.asOf,
      includeSynthetic: coverage.includeSynthetic,
    },
    page,
  );
}
