// fragment: area-walk(a, inside) -> places, parts
// The one walk from an area down to its places (area-places.cypher says what an area's places are;
// entity/list-area-scope reads an area's whole inside with it). The roots: the area itself when it is
// a place, the places it governs or covers, the places that are its members (an alliance's villages);
// then every place within those by PART_OF, at most 8 steps down. `inside` false: the walk goes down
// only through places that can hold a village, a community or a workplace, stopping at (but including)
// villages, communities, grids, residential compounds and buildings — the places of an area that every
// question about pairings, coverage, chains, claims, buildings and findings takes. `inside` true: it
// also goes into them (a village's grids, compounds and residential buildings), for the reads that want
// everything an area holds (the audit lens's scope, the change log by area, a subtree export, the city
// overview). One row: `places` ([] for an area with none), and `parts`, the same walk broken down one
// level for roll-ups (pairingCoverage's byArea): for each place one step below a root the walk went
// through, {part, places}, `places` being exactly `part`'s own places (what this fragment answers for
// `part`), so a roll-up walks the area once and never its parts again. The walk goes one step further
// than an area's places (9, not 8) so each part keeps its own 8.
// PART_OF joins a place to a place only (schema/model.ts; a place's parent is a place, graph/write-rules.ts
// parentOf) and the walk starts at places, so no label is checked along it (a check per place walked).
// params: none
OPTIONAL MATCH (a)-[:GOVERNS|COVERS]->(governed:Place)
OPTIONAL MATCH (member:Place)-[:MEMBER_OF]->(a)
WITH a, inside, CASE WHEN a:Place THEN [a] ELSE [] END + collect(DISTINCT governed) + collect(DISTINCT member) AS roots
UNWIND roots AS root
OPTIONAL MATCH (root) ((up)<-[:PART_OF]-() WHERE inside OR NOT up.kind IN ['Village', 'Community', 'Grid', 'ResidentialCompound', 'ResidentialBuilding', 'CommercialBuilding']){0,9} (p)
// The part a path went through: the second place on it (up holds the places walked through).
WITH CASE size(up) WHEN 0 THEN null WHEN 1 THEN p ELSE up[1] END AS part,
     collect(DISTINCT CASE WHEN size(up) <= 8 THEN p END) AS within, collect(DISTINCT p) AS below
WITH collect(within) AS lists, collect(CASE WHEN part IS NOT NULL THEN {part: part, places: below} END) AS parts
CALL (lists) {
  UNWIND lists AS list
  UNWIND list AS p
  RETURN collect(DISTINCT p) AS places
}
RETURN places, parts
