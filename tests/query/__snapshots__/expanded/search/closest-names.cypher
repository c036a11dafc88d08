// Which names come closest to $text, so a NOT_FOUND can say what was probably meant? The names of
// entities of $categories that match it in full text (an extra space, a missing 联合 …), most
// relevant first, documented before synthetic.
// $query: the text as a full-text query (server/search-text.ts), $categories: [String] labels from
// schema/model.ts, $limit: Int
CALL db.index.fulltext.queryNodes('entity_names', $query, {limit: 200}) YIELD node, score
WHERE any(category IN $categories WHERE category IN labels(node))
WITH node.name AS name, max(score) AS score, min(CASE WHEN node.synthetic THEN 1 ELSE 0 END) AS synthetic
RETURN name
ORDER BY synthetic, score DESC, size(name), name
LIMIT $limit
