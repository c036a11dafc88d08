/**
 * The format of the documented dataset (data/seed/*.yaml), checked before anything is written.
 *
 * Each YAML file holds four lists: nodes, relationships, pairings and claims. Every record names its
 * sources: the seed report's file name and a quote that appears in it word for word (white space
 * aside), so a reviewer can find each fact in its report.
 */
import { z } from 'zod';
import { isCalendarDate } from '../graph/calendar-date.ts';
import {
  BASES,
  CLAIM_QUALIFIERS,
  CLAIM_UNITS,
  isKind,
  isPairingKind,
  isRelationshipType,
  KIND_NAMES,
  PAIRING_STATUSES,
  RELATIONSHIP_TYPE_NAMES,
} from '../schema/model.ts';
import { AS_OF_HELP, parseAsOf } from './as-of.ts';

/** Documented ids: lower-case ASCII words joined by '-', starting with the district's prefix. */
export const DOCUMENTED_ID = /^(jn|lc|sz|gx)-[a-z0-9]+(-[a-z0-9]+)*$/;

const id = z.string().regex(DOCUMENTED_ID, 'must look like "lc-tangwang-subdistrict" (jn|lc|sz|gx prefix, a-z0-9 words joined by -)');
const scalar = z.union([z.string(), z.number(), z.boolean()]);
const props = z.record(z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'property names are camelCase'), z.union([scalar, z.array(scalar)]));

export const sourceSchema = z.object({
  document: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/, 'must be a seed file name such as 000_b9b39bc892037770.txt'),
  quote: z.string().min(4, 'must quote the sentence that states the fact'),
});
const sources = z.array(sourceSchema).min(1, 'every documented fact needs at least one source');

const date = z.string().refine(isCalendarDate, { message: 'must be an ISO date YYYY-MM-DD of a day that exists' });
const asOf = z.string().refine((text) => parseAsOf(text) !== null, { message: AS_OF_HELP });

/**
 * How we know a record: `stated` (a quoted sentence says it), `composedName` (the thing is stated, its
 * name is ours), `institutional` (it follows from how the system is organised, e.g. every 街道 has a
 * 党工委), `inferred` (a judgement a person should confirm). Anything but `stated` says why in
 * `basisNote`.
 */
const basisFields = {
  basis: z.enum(BASES),
  basisNote: z.string().min(4, 'say in one line why the record holds').optional(),
};
// Typed by what it reads: documented() refines objects whose other fields it does not know.
const needsNote = (record: object) => {
  const { basis, basisNote } = record as { basis: string; basisNote?: string };
  return basis === 'stated' || basisNote !== undefined;
};
const noteProblem = { message: 'a record whose basis is not "stated" needs a basisNote saying why it holds', path: ['basisNote'] };

/** A documented record: its own fields, then how we know it (basis, with a note unless stated) and its sources. */
const documented = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.object({ ...shape, ...basisFields, sources }).refine(needsNote, noteProblem);

export const nodeSchema = documented({
  id,
  kind: z.string().refine(isKind, { message: `must be one of ${KIND_NAMES.join(', ')}` }),
  name: z.string().min(1),
  nameEn: z.string().min(1).optional(),
  /** Other names the reports use for it (e.g. 玉符泉源 for 玉符泉源联合党委): the quote check accepts them. */
  aliases: z.array(z.string().min(2, 'an alias is at least two characters')).optional(),
  props: props.optional(),
});

export const relationshipSchema = documented({
  type: z.string().refine(isRelationshipType, {
    message: `must be one of ${RELATIONSHIP_TYPE_NAMES.join(', ')} (pairings go in the pairings list)`,
  }),
  from: id,
  to: id,
  props: props.optional(),
  /** When it held (positions): the report's date unless given. */
  asOf: asOf.optional(),
});

export const pairingSchema = documented({
  id,
  kind: z.string().refine(isPairingKind, { message: 'must be EnterpriseVillage, CommunityVillage or UnitCommunity' }),
  from: id,
  to: id,
  programme: z.string().min(1).optional(),
  status: z.enum(PAIRING_STATUSES),
  validFrom: date.optional(),
  validTo: date.optional(),
  reason: z.string().optional(),
});

export const claimSchema = documented({
  id: z.string().regex(/^claim-(jn|lc|sz|gx)-[a-z0-9]+(-[a-z0-9]+)*$/, 'must look like "claim-lc-enterprise-village-pairings"'),
  subject: id,
  metric: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'metric is a camelCase English name'),
  value: z.number(),
  unit: z.enum(CLAIM_UNITS),
  /** 余/超/突破 → over, 近 → nearly, 不少于/以上 → atLeast, 约 → about; absent when the number is exact. */
  qualifier: z.enum(CLAIM_QUALIFIERS).optional(),
  statement: z.string().min(1),
  /** When the number held, as the text gives it; the report's date when omitted. */
  asOf: asOf.optional(),
  /** The id of an earlier claim on the same subject and metric that this one replaces. */
  supersedes: z.string().optional(),
  note: z.string().optional(),
  /** A question the reports leave open about this number, for a person to check (finding rule to-check). */
  toCheck: z.string().optional(),
});

export const seedFileSchema = z.object({
  nodes: z.array(nodeSchema).default([]),
  relationships: z.array(relationshipSchema).default([]),
  pairings: z.array(pairingSchema).default([]),
  claims: z.array(claimSchema).default([]),
});

export type SeedSource = z.infer<typeof sourceSchema>;
export type SeedNode = z.infer<typeof nodeSchema>;
export type SeedRelationship = z.infer<typeof relationshipSchema>;
export type SeedPairing = z.infer<typeof pairingSchema>;
export type SeedClaim = z.infer<typeof claimSchema>;
export type SeedFile = z.infer<typeof seedFileSchema>;
