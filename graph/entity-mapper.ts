/**
 * Turns a node's stored properties into the GraphQL object of its type: provenance arrays become
 * `sources`, the remaining stated attributes become `properties`, and `__typename` follows the kind.
 */
import { BASES, type Basis, type Category, isKind, KINDS } from '../schema/model.ts';

const TYPENAME_BY_CATEGORY: Record<Category, string> = {
  Organization: 'Organization',
  Alliance: 'Alliance',
  Place: 'Place',
  Unit: 'Unit',
  IndustryChain: 'IndustryChain',
  Role: 'LeadershipRole',
  Person: 'Person',
  ServiceSite: 'ServiceSite',
  Honour: 'Honour',
};

/** Properties every entity has as fields of their own; the rest are listed under `properties`. */
const OWN_FIELDS = new Set([
  'id',
  'name',
  'nameEn',
  'kind',
  'synthetic',
  'sourceDocuments',
  'sourceQuotes',
  'holder',
  'siteType',
  'basis',
  'basisNote',
  'displayName',
]);

export interface Source {
  document: string;
  quote: string;
}

export interface EntityObject {
  __typename: string;
  basis: string | null;
  basisNote: string | null;
  id: string;
  name: string;
  /** The name with the place that tells it from a namesake (review E-11); the name when none clashes. */
  displayName: string;
  nameEn: string | null;
  kind: string;
  synthetic: boolean;
  sources: Source[];
  properties: { key: string; value: string }[];
  holder?: string | null;
  siteType?: string | null;
}

export type Props = Record<string, unknown>;

export function sourcesOf(props: Props | null | undefined): Source[] {
  const documents = (props?.sourceDocuments as string[] | undefined) ?? [];
  const quotes = (props?.sourceQuotes as string[] | undefined) ?? [];
  return documents.map((document, i) => ({ document, quote: quotes[i] ?? '' }));
}

/**
 * A record's provenance as the API shows it on entities and on every kind of edge: where it is
 * stated, and how we know it (basis: stated / composedName / institutional / inferred, with a note).
 * Null basis: a record entered or generated without one (synthetic data, older imports).
 */
/** A stored basis as the model names it; null for none (or for a value the model does not know). */
export const basisOf = (value: unknown): Basis | null => BASES.find((basis) => basis === value) ?? null;

export function provenanceOf(props: Props | null | undefined) {
  return {
    sources: sourcesOf(props),
    basis: basisOf(props?.basis),
    basisNote: (props?.basisNote as string | undefined) ?? null,
  };
}

export function typenameOfKind(kind: string): string {
  return isKind(kind) ? TYPENAME_BY_CATEGORY[KINDS[kind].category] : 'Place';
}

export function toEntity(props: Props): EntityObject {
  const kind = String(props.kind);
  return {
    __typename: typenameOfKind(kind),
    id: String(props.id),
    name: String(props.name),
    displayName: String(props.displayName ?? props.name),
    nameEn: (props.nameEn as string | undefined) ?? null,
    kind,
    synthetic: props.synthetic === true,
    ...provenanceOf(props),
    properties: Object.entries(props)
      .filter(([key]) => !OWN_FIELDS.has(key))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => ({ key, value: Array.isArray(value) ? value.join('、') : String(value) })),
    holder: (props.holder as string | undefined) ?? null,
    siteType: (props.siteType as string | undefined) ?? null,
  };
}

export const toEntityOrNull = (props: Props | null | undefined) => (props ? toEntity(props) : null);

/**
 * Fields a relationship has of its own (its id, its sources, its basis: RelationshipInfo's fields, shown
 * as the basis badge); the rest are listed under `properties`.
 */
const LINK_OWN_FIELDS = new Set(['id', 'synthetic', 'sourceDocuments', 'sourceQuotes', 'basis', 'basisNote']);

/** A relationship's stored attributes as the details panel lists them (a list joined with 、). */
export const linkProperties = (props: Props): { key: string; value: string }[] =>
  Object.entries(props)
    .filter(([key]) => !LINK_OWN_FIELDS.has(key))
    .map(([key, value]) => ({ key, value: Array.isArray(value) ? value.join('、') : String(value) }));
