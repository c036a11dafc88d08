// Which entities have names like $text? Full-text on names (cjk analyzer: Chinese bigrams), exact and
// prefix matches first, then by relevance.
// $query: the text with Lucene's special characters escaped, $text: the text as typed,
// $kinds: [String] or null, $includeSynthetic: Boolean, $first: Int
CALL db.index.fulltext.queryNodes('entity_names', $query, {limit: 5000}) YIELD node, score
WHERE ($kinds IS NULL OR node.kind IN $kinds) AND ($includeSynthetic OR NOT node.synthetic)
WITH node, score,
  CASE WHEN node.name = $text THEN 2 WHEN node.name STARTS WITH $text THEN 1 ELSE 0 END AS exactness
ORDER BY exactness DESC, score DESC, size(node.name), node.id
LIMIT $first
RETURN properties(node) AS node
