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

/** The words of what a user typed: split on spaces, each once. Operators (AND, OR, NOT) are words too. */
export function searchWords(text: string): string[] {
  return [...new Set(text.trim().split(/\s+/u).filter(Boolean))];
}

/**
 * The words as a full-text query: each word a phrase (its bigrams in a row, so 企业联村 finds names
 * containing 企业联村, not every name with 企业), any of them. Inside a phrase only `"` and `\` are
 * special. A word with no letter or digit (`&&`, `"`) says nothing to the index and is left out;
 * null when none is left.
 */
export function phraseQuery(words: string[]): string | null {
  const phrases = words.filter((word) => /[\p{L}\p{N}]/u.test(word)).map((word) => `"${word.toLowerCase().replace(/["\\]/g, '\\$&')}"`);
  return phrases.length ? phrases.join(' OR ') : null;
}

/** A word the full-text index cannot find: one character (the index holds Chinese as bigrams). */
export const tooShortForFullText = (word: string): boolean => [...word].length < 2;

export interface SearchHit {
  name: string;
  nameEn?: string | null;
  id: string;
  score: number;
}

/**
 * The order of search results: the exact name, then names starting with the text, then names with
 * more of the words, then full-text relevance, then shorter names.
 */
export function rankHits<H extends SearchHit>(hits: H[], text: string, words: string[]): H[] {
  const lowered = words.map((w) => w.toLowerCase());
  const key = (hit: H) => {
    const names = `${hit.name}\n${hit.nameEn ?? ''}`.toLowerCase();
    return {
      exactness: hit.name === text ? 2 : hit.name.startsWith(text) ? 1 : 0,
      words: lowered.filter((w) => names.includes(w)).length,
    };
  };
  const keyed = hits.map((hit) => ({ hit, ...key(hit) }));
  keyed.sort(
    (a, b) =>
      b.exactness - a.exactness ||
      b.words - a.words ||
      b.hit.score - a.hit.score ||
      [...a.hit.name].length - [...b.hit.name].length ||
      a.hit.id.localeCompare(b.hit.id),
  );
  return keyed.map((k) => k.hit);
}
