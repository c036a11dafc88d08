// The names of organization $id and of every entity that lies in it or under it: the walk up from an
// entity to its 街道 and 区 (overview/group-nodes, which the display names use) passes through $id for
// exactly these, so moving $id can change their qualifier (data/display-names.ts), and a move refreshes
// the display names of these names. The relationships and the depth are group-nodes' walk, read
// backwards (tests/unit/display-names.test.ts checks the two agree).
// $id: String
MATCH (o:Organization {id: $id})
OPTIONAL MATCH (n:Entity)-[:PART_OF|LOCATED_IN|GOVERNS|COVERS|REPORTS_TO|PARTY_ORGANIZATION_OF|HELD_WITHIN|SUB_CHAIN_OF|SERVES_IN]->{1,9}(o)
WITH o, collect(DISTINCT n.name) AS below
RETURN [o.name] + below AS names
