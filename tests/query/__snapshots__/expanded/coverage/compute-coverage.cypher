// Pairing coverage: for each area in $areaIds, how many target places (villages; communities for
// UnitCommunity) lie in it and how many have a pairing of $kind active on $asOf, with one page of the
// unpaired ones by name (a row of `level` 0), and the same for each of its child areas (rows of level 1,
// its byArea), in one query.
// An area's targets are among its places (cypher/fragments/area-places.cypher), whose walk stops at
// places that hold no targets, so cost grows with the area only. The area is walked once: the fragment
// also breaks its walk down by the place one step below (`parts`), and a child place's places are taken
// from there, not walked again; so the area's figures are those of the places its children hold, plus
// the places directly under it that lie in no child. And each place is checked once (is it a target,
// is it paired: cypher/fragments/target-paired.cypher) for the area and every child holding it, then
// counted per area (cypher/fragments/coverage-tally.cypher), as target-coverage counts a list of places.
// A level of children breaks its parent down: the places directly within it (or within the places it
// governs) that are or hold targets, and the organizations reporting to it that cover targets. A target
// lying directly in the parent beside such child areas is a row of its own, so the rows add up to the
// parent; a parent whose targets all lie directly in it is not broken down (the rows would be its
// targets one by one, which `unpaired` already lists).
// $areaIds: [String] or null, $area: String or null (see below), $withChildren: Boolean (false: no level 1 rows, for a question that needs the
// areas' own figures only), $targetLabel: 'Village' or 'Community' (from schema/model.ts),
// $kind: pairing kind, $asOf: ISO date, $includeSynthetic: Boolean (synthetic targets and pairings counted;
// server/services/areas.ts showSynthetic), $includeSyntheticInSynthetic: Boolean (the same for a synthetic
// area), $offset: Int, $limit: Int, $full: Boolean (false: the areas and
// unpaired targets carry only their identity, id, name, kind and synthetic, for a question asking nothing
// more of them; server/resolvers/coverage.ts)
// The areas by id ($areaIds), or the one an area argument names ($area: an id or exact name, looked up
// here, so a question about it is one round trip; no row when it names nothing).
CALL () {
  UNWIND $areaIds AS parentId
  WITH DISTINCT parentId
  MATCH (parent:Entity {id: parentId})
  RETURN parentId, parent
  UNION
  WITH $area AS area WHERE area IS NOT NULL
  CALL (area) { // find-area: cypher/fragments/find-area.cypher
    CALL (area) {
      CALL (area) {
        MATCH (n:Entity {id: area}) RETURN n
        UNION
        MATCH (n:Entity {name: area}) RETURN n
      }
      WITH area, n WHERE n:Place OR n:Organization OR n:Alliance
      RETURN n
      ORDER BY n.id = area DESC, n.synthetic, n.id
      LIMIT 1
    }
    RETURN n AS parent
  }
  RETURN parent.id AS parentId, parent
}
CALL (parent) { // area-places: cypher/fragments/area-places.cypher
  WITH parent AS a
  WITH a, false AS inside
  CALL (a, inside) { // area-walk: cypher/fragments/area-walk.cypher
    OPTIONAL MATCH (a)-[:GOVERNS|COVERS]->(governed:Place)
    OPTIONAL MATCH (member:Place)-[:MEMBER_OF]->(a)
    WITH a, inside, CASE WHEN a:Place THEN [a] ELSE [] END + collect(DISTINCT governed) + collect(DISTINCT member) AS roots
    UNWIND roots AS root
    OPTIONAL MATCH (root) ((up)<-[:PART_OF]-() WHERE inside OR NOT up.kind IN ['Village', 'Community', 'Grid', 'ResidentialCompound', 'ResidentialBuilding', 'CommercialBuilding']){0,9} (p)
    WITH CASE size(up) WHEN 0 THEN null WHEN 1 THEN p ELSE up[1] END AS part,
         collect(DISTINCT CASE WHEN size(up) <= 8 THEN p END) AS within, collect(DISTINCT p) AS below
    WITH collect(within) AS lists, collect(CASE WHEN part IS NOT NULL THEN {part: part, places: below} END) AS parts
    CALL (lists) {
      UNWIND lists AS list
      UNWIND list AS p
      RETURN collect(DISTINCT p) AS places
    }
    RETURN places, parts
  }
  RETURN places, parts
}
CALL (parent, parts) {
  WITH parent, parts WHERE $withChildren
  CALL (parent, parts) {
    OPTIONAL MATCH (parent)-[:GOVERNS]->(own:Place)
    WITH parent, parts, CASE WHEN parent:Place THEN [parent] ELSE [] END + collect(own) AS roots
    UNWIND roots AS root
    MATCH (root)<-[:PART_OF]-(child:Place)
    WITH DISTINCT child AS a, head([part IN parts WHERE part.part = child | part.places]) AS found
    // A child the parent's walk did not go through (one below a village) is walked on its own.
    CALL (a, found) {
      WITH found WHERE found IS NOT NULL
      RETURN found AS places
      UNION
      WITH a, found WHERE found IS NULL
      CALL (a) { // area-places: cypher/fragments/area-places.cypher
        CALL (a) {
          WITH a, false AS inside
          CALL (a, inside) { // area-walk: cypher/fragments/area-walk.cypher
            OPTIONAL MATCH (a)-[:GOVERNS|COVERS]->(governed:Place)
            OPTIONAL MATCH (member:Place)-[:MEMBER_OF]->(a)
            WITH a, inside, CASE WHEN a:Place THEN [a] ELSE [] END + collect(DISTINCT governed) + collect(DISTINCT member) AS roots
            UNWIND roots AS root
            OPTIONAL MATCH (root) ((up)<-[:PART_OF]-() WHERE inside OR NOT up.kind IN ['Village', 'Community', 'Grid', 'ResidentialCompound', 'ResidentialBuilding', 'CommercialBuilding']){0,9} (p)
            WITH CASE size(up) WHEN 0 THEN null WHEN 1 THEN p ELSE up[1] END AS part,
                 collect(DISTINCT CASE WHEN size(up) <= 8 THEN p END) AS within, collect(DISTINCT p) AS below
            WITH collect(within) AS lists, collect(CASE WHEN part IS NOT NULL THEN {part: part, places: below} END) AS parts
            CALL (lists) {
              UNWIND lists AS list
              UNWIND list AS p
              RETURN collect(DISTINCT p) AS places
            }
            RETURN places, parts
          }
          RETURN places, parts
        }
        RETURN places AS places, parts AS ownParts
      }
      RETURN places
    }
    RETURN a, places
    UNION
    MATCH (parent)<-[:REPORTS_TO]-(child:Organization)-[:COVERS]->(t:Place) WHERE t.kind = $targetLabel
    WITH DISTINCT child AS a
    CALL (a) { // area-places: cypher/fragments/area-places.cypher
      CALL (a) {
        WITH a, false AS inside
        CALL (a, inside) { // area-walk: cypher/fragments/area-walk.cypher
          OPTIONAL MATCH (a)-[:GOVERNS|COVERS]->(governed:Place)
          OPTIONAL MATCH (member:Place)-[:MEMBER_OF]->(a)
          WITH a, inside, CASE WHEN a:Place THEN [a] ELSE [] END + collect(DISTINCT governed) + collect(DISTINCT member) AS roots
          UNWIND roots AS root
          OPTIONAL MATCH (root) ((up)<-[:PART_OF]-() WHERE inside OR NOT up.kind IN ['Village', 'Community', 'Grid', 'ResidentialCompound', 'ResidentialBuilding', 'CommercialBuilding']){0,9} (p)
          WITH CASE size(up) WHEN 0 THEN null WHEN 1 THEN p ELSE up[1] END AS part,
               collect(DISTINCT CASE WHEN size(up) <= 8 THEN p END) AS within, collect(DISTINCT p) AS below
          WITH collect(within) AS lists, collect(CASE WHEN part IS NOT NULL THEN {part: part, places: below} END) AS parts
          CALL (lists) {
            UNWIND lists AS list
            UNWIND list AS p
            RETURN collect(DISTINCT p) AS places
          }
          RETURN places, parts
        }
        RETURN places, parts
      }
      RETURN places AS places, parts AS ownParts
    }
    RETURN a, places
  }
  RETURN collect({a: a, places: places}) AS children
}
WITH collect({parentId: parentId, parent: parent, areas: [{level: 0, a: parent, places: places}] + [c IN children | {level: 1, a: c.a, places: c.places}]}) AS asked
// Whether synthetic targets and pairings count: the service decides both answers (server/services/areas.ts
// showSynthetic), for a documented area and for a synthetic one; they differ only for an area looked up here.
WITH asked, CASE WHEN any(x IN asked WHERE x.parent.synthetic) THEN $includeSyntheticInSynthetic ELSE $includeSynthetic END AS synth
CALL (asked, synth) {
  UNWIND asked AS x
  UNWIND x.areas AS area
  UNWIND area.places AS t
  WITH t, synth, collect({parentId: x.parentId, level: area.level, a: area.a}) AS holders
  CALL (t, synth) { // target-paired: cypher/fragments/target-paired.cypher
    WITH t, $kind AS kind, $targetLabel AS targetLabel, $full AS full, synth
    WITH t, kind, full, synth WHERE t.kind = targetLabel AND (synth OR NOT t.synthetic)
    WITH t, full, EXISTS {
      MATCH (t)<-[r:PAIRED_WITH]-() WHERE r.kind = kind AND (synth OR NOT r.synthetic)
      CALL (r) { // active-on: cypher/fragments/active-on.cypher
        WITH r, $asOf AS day
        RETURN day IS NULL OR (coalesce(r.validFrom, '0000-01-01') <= day AND (r.validTo IS NULL OR r.validTo >= day)) AS active
      }
      WITH r WHERE active
    } AS paired
    RETURN paired, CASE WHEN paired THEN null WHEN full THEN properties(t) ELSE t {.id, .name, .kind, .synthetic} END AS unpaired
  }
  // Only the unpaired are listed, so only they are ordered (by their properties, read once per target,
  // not once per area holding it).
  WITH holders, paired, unpaired
  ORDER BY unpaired.name, unpaired.id
  UNWIND holders AS holder
  WITH holder, collect({paired: paired, unpaired: unpaired}) AS checked
  CALL (checked) { // coverage-tally: cypher/fragments/coverage-tally.cypher
    UNWIND checked AS c
    RETURN count(c) AS targets, sum(CASE WHEN c.paired THEN 1 ELSE 0 END) AS paired, collect(c.unpaired) AS unpaired
  }
  RETURN collect(holder {.*, targets: targets, paired: paired, unpaired: unpaired}) AS tallies
}
UNWIND asked AS x
WITH x, synth, [r IN tallies WHERE r.parentId = x.parentId AND r.level = 1] AS rows,
     coalesce(head([r IN tallies WHERE r.parentId = x.parentId AND r.level = 0]), {level: 0, a: x.parent, targets: 0, paired: 0, unpaired: []}) AS own
UNWIND [own] + CASE WHEN all(row IN rows WHERE row.a.kind = $targetLabel) THEN [] ELSE rows END AS row
WITH x.parentId AS parentId, synth, row.level AS level, row.a AS a, row.targets AS targets, row.paired AS paired, row.unpaired AS unpaired
RETURN parentId, level, CASE WHEN $full THEN properties(a) ELSE a {.id, .name, .kind, .synthetic} END AS area, targets, paired,
       size(unpaired) AS unpairedTotal, synth AS includeSynthetic,
       unpaired[$offset..$offset + $limit] AS unpaired
ORDER BY level, targets DESC, a.name
