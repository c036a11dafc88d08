/**
 * The format of the documented dataset (data/seed/*.yaml), checked before anything is written.
 *
 * Each YAML file holds four lists: nodes, relationships, pairings and claims. Every record names its
 * sources: the seed report's file name and a quote that appears in it word for word (white space
 * aside), so a reviewer can find each fact in its report.
 */
import { z } from 'zod';
import {
  CLAIM_UNITS,
  isKind,
  isPairingKind,
  isRelationshipType,
  KIND_NAMES,
  PAIRING_STATUSES,
  RELATIONSHIP_TYPE_NAMES,
} from '../schema/model.ts';

/** Documented ids: lower-case ASCII words joined by '-', starting with the district's prefix. */
export const DOCUMENTED_ID = /^(jn|lc|sz|gx)-[a-z0-9]+(-[a-z0-9]+)*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const id = z.string().regex(DOCUMENTED_ID, 'must look like "lc-tangwang-subdistrict" (jn|lc|sz|gx prefix, a-z0-9 words joined by -)');
const scalar = z.union([z.string(), z.number(), z.boolean()]);
const props = z.record(z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'property names are camelCase'), z.union([scalar, z.array(scalar)]));

export const sourceSchema = z.object({
  document: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/, 'must be a seed file name such as 000_b9b39bc892037770.txt'),
  quote: z.string().min(4, 'must quote the sentence that states the fact'),
});
const sources = z.array(sourceSchema).min(1, 'every documented fact needs at least one source');

const date = z.string().regex(ISO_DATE, 'must be an ISO date YYYY-MM-DD');

export const nodeSchema = z.object({
  id,
  kind: z.string().refine(isKind, { message: `must be one of ${KIND_NAMES.join(', ')}` }),
  name: z.string().min(1),
  nameEn: z.string().min(1).optional(),
  props: props.optional(),
  sources,
});

export const relationshipSchema = z.object({
  type: z.string().refine(isRelationshipType, {
    message: `must be one of ${RELATIONSHIP_TYPE_NAMES.join(', ')} (pairings go in the pairings list)`,
  }),
  from: id,
  to: id,
  props: props.optional(),
  sources,
});

export const pairingSchema = z.object({
  id,
  kind: z.string().refine(isPairingKind, { message: 'must be EnterpriseVillage, CommunityVillage or UnitCommunity' }),
  from: id,
  to: id,
  programme: z.string().min(1).optional(),
  status: z.enum(PAIRING_STATUSES),
  validFrom: date.optional(),
  validTo: date.optional(),
  reason: z.string().optional(),
  sources,
});

export const claimSchema = z.object({
  id: z.string().regex(/^claim-(jn|lc|sz|gx)-[a-z0-9]+(-[a-z0-9]+)*$/, 'must look like "claim-lc-enterprise-village-pairings"'),
  subject: id,
  metric: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'metric is a camelCase English name'),
  value: z.number(),
  unit: z.enum(CLAIM_UNITS),
  statement: z.string().min(1),
  sources,
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
