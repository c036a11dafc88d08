/**
 * The rules every write to the graph obeys, whichever door it comes through: a mutation
 * (server/services/entities.ts, server/services/pairings.ts) or a spreadsheet import
 * (data/exchange/plan-import.ts). Both used to spell them out; now each asks here, so a row and a
 * mutation saying the same thing get the same verdict (tests/unit/write-rules.test.ts holds them to it).
 *
 * Pure functions: they decide, the callers word the refusal in their own format (an API error naming
 * the argument, or an import issue naming the cell). Which stored entities lie inside an editor's area
 * is one query, cypher/scope/find-outside-area.cypher; which entities a write must have inside it is
 * `scopeTargets` here.
 */
import {
  type Category,
  isKind,
  KINDS,
  PAIRING_KINDS,
  type PairingKind,
  RELATIONSHIP_TYPES,
  type RelationshipType,
} from '../schema/model.ts';

type Props = Record<string, unknown>;

/** The category of a kind name (Branch → Organization), or null for a name the model lacks. */
export const categoryOfKind = (kind: unknown): Category | null => {
  const name = String(kind);
  return isKind(name) ? KINDS[name].category : null;
};

/** The link an entity hangs from: an organization reports to its parent, a place is part of one. */
export const PARENT_TYPES = { Organization: 'REPORTS_TO', Place: 'PART_OF' } as const;
export type ParentType = (typeof PARENT_TYPES)[keyof typeof PARENT_TYPES];

/** The parent link of a category, or null when entities of it hang from nothing (units, alliances…). */
export const parentTypeOf = (category: Category | null): ParentType | null =>
  category === 'Organization' || category === 'Place' ? PARENT_TYPES[category] : null;

export const isParentLink = (type: string): type is ParentType => type === 'REPORTS_TO' || type === 'PART_OF';

/** A relationship's id, as the loaders and the change log know it. */
export const linkId = (from: string, type: string, to: string) => `${from}|${type}|${to}`;

/** A document and the sentence in it. */
export interface Source {
  document: string;
  quote: string;
}

/** Provenance as stored on a node or relationship: parallel lists of documents and quotes. */
export interface Provenance {
  sourceDocuments: string[];
  sourceQuotes: string[];
}

/** The provenance of something written from one source. */
export const provenanceFrom = (source: Source): Provenance => ({ sourceDocuments: [source.document], sourceQuotes: [source.quote] });

/** Provenance with `source` added, or null when that document and sentence are already there. */
export function withSource(props: Props, source: Source): Provenance | null {
  const documents = (props.sourceDocuments as string[] | undefined) ?? [];
  const quotes = (props.sourceQuotes as string[] | undefined) ?? [];
  if (documents.some((d, i) => d === source.document && quotes[i] === source.quote)) return null;
  return { sourceDocuments: [...documents, source.document], sourceQuotes: [...quotes, source.quote] };
}

/** A new relationship's properties: its id, never synthetic, what it says (`extra`), and its source. */
export const newLinkProps = (from: string, type: string, to: string, provenance: Provenance, extra: Props = {}) => ({
  id: linkId(from, type, to),
  synthetic: false,
  ...extra,
  ...provenance,
});

/** A new entity's properties (an English name only when given), never synthetic, with its source. */
export const newEntityProps = (entity: { id: string; kind: string; name: string; nameEn?: string | null }, provenance: Provenance) => ({
  id: entity.id,
  kind: entity.kind,
  name: entity.name,
  ...(entity.nameEn ? { nameEn: entity.nameEn } : {}),
  synthetic: false,
  ...provenance,
});

/** What a reference must point to: an entity of one of these categories, or (when given) of one of these kinds. */
export interface Expected {
  categories?: readonly Category[];
  kinds?: readonly string[];
}

/** Why a reference is refused: it names nothing, or something of the wrong kind (`expected` lists what fits). */
export type ReferenceRefusal = { rule: 'UNKNOWN_REFERENCE' } | { rule: 'WRONG_KIND'; expected: readonly string[] };

/**
 * Whether a reference may be written: `kind` is the kind of what the id names (undefined when it
 * names nothing). Null when it fits.
 */
export function referenceRefusal(kind: string | undefined, expected: Expected): ReferenceRefusal | null {
  if (kind === undefined) return { rule: 'UNKNOWN_REFERENCE' };
  const fits = expected.kinds ? expected.kinds.includes(kind) : (expected.categories ?? []).includes(categoryOfKind(kind) as Category);
  return fits ? null : { rule: 'WRONG_KIND', expected: expected.kinds ?? expected.categories ?? [] };
}

/** What each end of a pairing of this kind must be: the partner (from) and the target (to). */
export const pairingEnd = (kind: PairingKind, end: 'from' | 'to'): Expected => ({ kinds: PAIRING_KINDS[kind][end] });

/**
 * What each end of a relationship of this type must be: the categories schema/model.ts
 * RELATIONSHIP_TYPES gives it. Every door that writes relationships from a file (the seed, graph.json
 * import, restore) asks here, and the synthetic generator is held to it (tests/unit/synthetic.test.ts),
 * so a read may rely on it: a related field whose types all end in one category is read as that
 * category (server/related-fields.ts farCategory).
 */
export const relationshipEnd = (type: RelationshipType, end: 'from' | 'to'): Expected => ({ categories: RELATIONSHIP_TYPES[type][end] });

/**
 * The first end of a relationship the model refuses (each end's kind; undefined: the id names nothing),
 * with the refusal, or null when both fit.
 */
export function relationshipEndsRefusal(
  type: RelationshipType,
  kinds: { from: string | undefined; to: string | undefined },
): { end: 'from' | 'to'; refusal: ReferenceRefusal } | null {
  for (const end of ['from', 'to'] as const) {
    const refusal = referenceRefusal(kinds[end], relationshipEnd(type, end));
    if (refusal) return { end, refusal };
  }
  return null;
}

/**
 * A relationship whose end the model refuses by kind, worded for the refusal ("ON_CHAIN starts at Unit,
 * and v1 is a Village"): the doors that write relationships from a file (graph.json import, restore)
 * word it alike. Null when both ends fit, or when an end names nothing (each door refuses that its own way).
 */
export function relationshipEndsMisfit(
  link: { type: RelationshipType; from: string; to: string },
  kindOf: (id: string) => string | undefined,
): { end: 'from' | 'to'; message: string } | null {
  const misfit = relationshipEndsRefusal(link.type, { from: kindOf(link.from), to: kindOf(link.to) });
  if (misfit?.refusal.rule !== 'WRONG_KIND') return null;
  const id = link[misfit.end];
  const where = misfit.end === 'from' ? 'starts at' : 'ends at';
  return { end: misfit.end, message: `${link.type} ${where} ${misfit.refusal.expected.join(' or ')}, and ${id} is a ${kindOf(id)}` };
}

/** What an entity's parent must be: one of its own category. */
export const parentOf = (kind: string): Expected => {
  const category = categoryOfKind(kind);
  return { categories: category ? [category] : [] };
};

/** Only a place is governed (GOVERNS) or located in (LOCATED_IN). */
export const PLACE: Expected = { categories: ['Place'] };

/**
 * Whether a stored pairing has ended: it has an end date, or says so. The two go together in every
 * write (ending sets both; an import refuses an active row with an end date), so either one decides.
 */
export const hasEnded = (pairing: { status?: unknown; validTo?: unknown }): boolean =>
  pairing.validTo != null || pairing.status === 'ended';

/** An interval that would end before it starts (ISO dates; an unknown bound never does). */
export const endsBeforeStart = (from: string | null | undefined, to: string | null | undefined) => from != null && to != null && to < from;

/** Whether two validity intervals share a day (a missing start is the beginning of time, a missing end open). */
export const spansOverlap = (a: { from: string | null; to: string | null }, b: { from: string | null; to: string | null }) =>
  (a.from ?? '0000') <= (b.to ?? '9999') && (b.from ?? '0000') <= (a.to ?? '9999');

/** What an entity a write touches is to that write (callers name the argument or cell from it). */
export type ScopeRole = 'subject' | 'parent' | 'currentParent' | 'governs' | 'locatedIn' | 'positionAt' | 'partner' | 'target';

/**
 * The entities a write must find inside an editor's area: the one it changes, and both ends of every
 * link it adds, changes or ends. Creating something checks what it hangs from (a new entity is in the
 * area when its anchors are); a move ends the links to the present parents, so they count too. In
 * the order a refusal names them.
 */
export function scopeTargets(write: {
  /** The entity written, when it exists already (a new one is not stored anywhere yet). */
  subject?: string | null;
  parent?: string | null;
  currentParents?: readonly string[];
  governs?: string | null;
  locatedIn?: string | null;
  positionAt?: string | null;
  partner?: string | null;
  target?: string | null;
}): { role: ScopeRole; id: string }[] {
  const targets: [ScopeRole, string | null | undefined][] = [
    ['target', write.target],
    ['partner', write.partner],
    ['subject', write.subject],
    ['parent', write.parent],
    ...(write.currentParents ?? []).map((id): [ScopeRole, string] => ['currentParent', id]),
    ['governs', write.governs],
    ['locatedIn', write.locatedIn],
    ['positionAt', write.positionAt],
  ];
  return targets.filter((t): t is [ScopeRole, string] => t[1] != null).map(([role, id]) => ({ role, id }));
}
