// Which entities have names with the words of $query? Full-text on names (cjk analyzer: Chinese
// bigrams; each word is a phrase, server/search-text.ts), and what a found role leads (链长 finds
// 总链长 and, through LEADS, the chains it leads). The candidates, closest first by a cheap key;
// server/search-text.ts ranks them.
// $query: the words as a full-text query, $text: the text as typed, $kinds: [String] or null,
// $includeSynthetic: Boolean, $candidates: Int
CALL db.index.fulltext.queryNodes('entity_names', $query, {limit: $candidates}) YIELD node, score
CALL {
  WITH node
  RETURN node AS hit, false AS led
  UNION
  WITH node
  MATCH (node:Role)-[:LEADS]->(hit:Entity)
  RETURN hit, true AS led
}
WITH hit, score, led
WHERE ($kinds IS NULL OR hit.kind IN $kinds) AND ($includeSynthetic OR NOT hit.synthetic)
WITH hit, max(score) AS score, min(CASE WHEN led THEN 1 ELSE 0 END) AS led
ORDER BY CASE WHEN hit.name STARTS WITH $text THEN 0 ELSE 1 END, led, score DESC
LIMIT $candidates
RETURN properties(hit) AS node, score
