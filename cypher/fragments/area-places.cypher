// fragment: area-places(a) -> places, parts
// The places of an area, decided here once for every question that takes an area (pairings, coverage
// and its lens, industry chains, claims, buildings, findings, exports): the area itself when it is a
// place; the places it governs or covers; the places that are its members (an alliance's villages);
// and every place within those by PART_OF, down to (and including) villages, communities, grids,
// residential compounds and buildings but not into them: the grids, compounds and residential buildings
// inside a village or community are not among the places, and a district's thousands of compounds and
// residential buildings are never visited. The walk itself, and `parts` (the same walk broken down one
// level for roll-ups), are cypher/fragments/area-walk.cypher's.
// params: none
WITH a, false AS inside
// @use area-walk(a, inside) -> places, parts
RETURN places, parts
