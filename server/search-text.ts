/**
 * What a user types, as a full-text (Lucene) query that means the same words and nothing more.
 * Users type words, not Lucene: its syntax characters are escaped, and the text is lower-cased, which
 * the index's analyzer does to names anyway and which turns AND, OR and NOT into plain words (Lucene
 * reads them as operators only in capitals). Used by search and by the closest names of a NOT_FOUND.
 */
const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

export function fullTextQuery(text: string): string {
  return text.trim().toLowerCase().replace(LUCENE_SPECIAL, '\\$&');
}
