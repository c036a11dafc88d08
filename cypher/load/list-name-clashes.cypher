// Which entities need a qualified display name (review E-11)? Those whose name another entity also
// has; those whose name starts with 区 or 园区 ("the district's …", "the park's …"), which says which
// one only inside its own report; bare names of one or two characters (乐山, 舜华, 建新, 新平: the short
// names 001 and 003 use, which a city holds many near-namesakes of: 乐山小区, 舜华路, 建鑫社区); and
// posts (总链长: every district has one). Each with its name; data/display-names.ts decides the qualifier.
// $names limits it to entities with these names (an edit's old and new name: a namesake group is
// whole either way); null is every name (the seed load).
// $includeSynthetic: Boolean; $names: [String] | null
MATCH (n:Entity)
WHERE ($includeSynthetic OR NOT coalesce(n.synthetic, false)) AND ($names IS NULL OR n.name IN $names)
WITH n.name AS name, collect(n.id) AS ids, collect(n.kind) AS kinds
WHERE size(ids) > 1 OR name STARTS WITH '区' OR name STARTS WITH '园区' OR size(name) <= 2 OR 'LeadershipRole' IN kinds
UNWIND ids AS id
RETURN id, name
ORDER BY name, id
