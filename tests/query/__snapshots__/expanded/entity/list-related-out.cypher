// For each entity in $ids: the entities it links to (outgoing) through any of $types, optionally only
// of $kinds, documented first then by name, one page ($offset, $limit) each, with the total.
// $ids: [String], $types: relationship types from schema/model.ts, $kinds: [String] or null,
// $label: the far end's category when the model fixes it (server/related-fields.ts farCategory), else Entity,
// $offset: Int, $limit: Int
UNWIND $ids AS id
MATCH (n:Entity {id: id})
OPTIONAL MATCH (n)-[r:$any($types)]->(m:$($label))
WHERE $kinds IS NULL OR m.kind IN $kinds
WITH id, r, m
ORDER BY m.synthetic, m.name, m.id
WITH id, collect(CASE WHEN m IS NULL THEN null ELSE {node: properties(m), link: properties(r), type: type(r)} END) AS items
RETURN id, size(items) AS total, items[$offset..$offset + $limit] AS items
