/**
 * The reports as records, and each source's document date. Both read data/sources/index.yaml, the
 * one place a report's date is kept (read once, at the first request that needs it).
 */
import { type DocumentRecord, documentsByFile } from '../../data/documents.ts';
import type { Source } from '../../graph/entity-mapper.ts';
import type { Resolvers } from '../generated/graphql.ts';

function documentObject(doc: DocumentRecord) {
  return {
    file: doc.file,
    title: doc.title,
    outlet: doc.outlet,
    district: doc.district,
    published: doc.published ?? null,
    undated: doc.undated === true,
    earliest: doc.earliest ?? null,
    latest: doc.latest ?? null,
    why: doc.why,
  };
}

export const documentResolvers = {
  Query: {
    documents: () => [...documentsByFile().values()].map(documentObject),
  },
  Source: {
    // Imported files and change-log entries are not indexed reports: no date, not "undated" either.
    date: (source: Source) => {
      const doc = documentsByFile().get(source.document);
      return doc ? (doc.published ?? doc.earliest ?? null) : null;
    },
    undated: (source: Source) => documentsByFile().get(source.document)?.undated === true,
    title: (source: Source) => documentsByFile().get(source.document)?.title ?? null,
  },
} satisfies Resolvers;
