// Which entity of this category has exactly this name? Documented before synthetic, then by id.
// $name: String, $category: a category label from schema/model.ts (never from a request)
MATCH (n:Entity {name: $name})
WHERE $category IN labels(n)
RETURN properties(n) AS node
ORDER BY n.synthetic, n.id
LIMIT 1
