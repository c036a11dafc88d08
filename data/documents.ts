/**
 * The reports as records (data/sources/index.yaml): title, outlet, and the publication date, or
 * `undated` with the earliest date the text allows and why. The one place a report's date is kept:
 * the seed's claims and positions take their default `asOf` from here, and the API's `Source.date`
 * reads it.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { projectFile } from '../graph/project-root.ts';
import { parseAsOf } from './as-of.ts';

export const DOCUMENT_INDEX = projectFile('data', 'sources', 'index.yaml');

const point = z.string().refine((text) => parseAsOf(text) !== null && !text.includes('/'), {
  message: 'must be YYYY, YYYY-MM or YYYY-MM-DD',
});

const documentSchema = z
  .object({
    file: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/, 'must be a report file name'),
    title: z.string().min(2),
    outlet: z.string().nullable(),
    district: z.string().min(2),
    published: point.optional(),
    undated: z.literal(true).optional(),
    earliest: point.optional(),
    latest: point.optional(),
    /** Another report this one is known to be later than (its figures revise that one's). */
    after: z.string().optional(),
    why: z.string().min(4),
    /** Words of the report that the date rests on: checked against the report like any quote. */
    whyEvidence: z.string().min(4),
  })
  .refine((d) => (d.published ? !d.undated && !d.earliest : d.undated && d.earliest), {
    message: 'give `published`, or `undated: true` with `earliest`',
  });

export type DocumentRecord = z.infer<typeof documentSchema>;

const indexSchema = z.object({ documents: z.array(documentSchema) });

export function readDocuments(file = DOCUMENT_INDEX): DocumentRecord[] {
  return indexSchema.parse(parse(readFileSync(file, 'utf8'))).documents;
}

/** The `asOf` a fact from this report takes when the text gives no date of its own. */
export function documentAsOf(document: DocumentRecord): string {
  return document.published ?? `${document.earliest}/${document.latest ?? '..'}`;
}

let cached: Map<string, DocumentRecord> | undefined;

/** The index by file name, read once. */
export function documentsByFile(): Map<string, DocumentRecord> {
  cached ??= new Map(readDocuments().map((d) => [d.file, d]));
  return cached;
}
