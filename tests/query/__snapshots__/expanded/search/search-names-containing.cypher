// Which entities' names contain one of $words? For what full text cannot find: a word of one
// character (the index holds Chinese as bigrams) or a word inside a name that no bigram query matched.
// Uses the text index entity_name_text (schema/constraints.cypher).
// $words: [String], $text: the text as typed, $kinds: [String] or null, $includeSynthetic: Boolean,
// $candidates: Int
UNWIND $words AS word
MATCH (hit:Entity)
WHERE hit.name CONTAINS word
  AND ($kinds IS NULL OR hit.kind IN $kinds) AND ($includeSynthetic OR NOT hit.synthetic)
WITH DISTINCT hit
ORDER BY CASE WHEN hit.name STARTS WITH $text THEN 0 ELSE 1 END, size(hit.name), hit.id
LIMIT $candidates
RETURN properties(hit) AS node, 0.0 AS score
