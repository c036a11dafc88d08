// The names of organization $id and of every entity that lies in it or under it: the walk up from an
// entity to its 街道 and 区 (cypher/fragments/located-in.cypher, which the overview and the display names
// use) may pass through $id for exactly these, so moving $id can change their qualifier
// (data/display-names.ts), and a move refreshes the display names of these names. The relationships and
// the depth are located-in's walk, read backwards (tests/unit/lies-in-walk.test.ts checks the two agree);
// every entity that reaches $id is listed, not only those whose nearest 街道 is reached through it, as
// the move may make $id's way the nearest one.
// $id: String
MATCH (o:Organization {id: $id})
OPTIONAL MATCH (n:Entity)-[:PART_OF|LOCATED_IN|GOVERNS|COVERS|REPORTS_TO|PARTY_ORGANIZATION_OF|HELD_WITHIN|SUB_CHAIN_OF|SERVES_IN]->{1,9}(o)
WITH o, collect(DISTINCT n.name) AS below
RETURN [o.name] + below AS names
