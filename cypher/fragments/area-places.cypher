// fragment: area-places(a) -> places
// The places of an area, decided here once for every question that takes an area (pairings, coverage
// and its lens, industry chains, claims, buildings, findings, exports): the area itself when it is a
// place; the places it governs or covers; the places that are its members (an alliance's villages);
// and every place within those by PART_OF. The walk goes down only through places that can hold a
// village, a community or a workplace: it stops at (but includes) villages, communities, grids,
// residential compounds and buildings, so a district's thousands of compounds and residential
// buildings are never visited. So the grids, compounds and residential buildings inside a village or
// community are not among the places. One row, `places` ([] for an area with none).
// params: none
OPTIONAL MATCH (a)-[:GOVERNS|COVERS]->(governed:Place)
OPTIONAL MATCH (member:Place)-[:MEMBER_OF]->(a)
WITH a, CASE WHEN a:Place THEN [a] ELSE [] END + collect(DISTINCT governed) + collect(DISTINCT member) AS roots
UNWIND roots AS root
OPTIONAL MATCH (root) ((up:Place)<-[:PART_OF]-(:Place) WHERE NOT up.kind IN ['Village', 'Community', 'Grid', 'ResidentialCompound', 'ResidentialBuilding', 'CommercialBuilding']){0,8} (p:Place)
RETURN collect(DISTINCT p) AS places
