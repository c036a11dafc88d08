// Which entities need a qualified display name (review E-11)? Those whose name another entity also
// has, and those whose name starts with 区 or 园区 ("the district's …", "the park's …"), which says
// which one only inside its own report. Each with its name; data/display-names.ts decides the qualifier.
// $includeSynthetic: Boolean
MATCH (n:Entity)
WHERE $includeSynthetic OR NOT coalesce(n.synthetic, false)
WITH n.name AS name, collect(n.id) AS ids
WHERE size(ids) > 1 OR name STARTS WITH '区' OR name STARTS WITH '园区'
UNWIND ids AS id
RETURN id, name
ORDER BY name, id
