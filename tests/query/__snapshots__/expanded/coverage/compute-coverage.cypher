// Pairing coverage: for each area in $areaIds (or, when $children is true, for each child area of
// them), how many target places (villages; communities for UnitCommunity) lie in it and how many have
// a pairing of $kind active on $asOf, with one page of the unpaired ones by name.
// An area's targets are among its places (cypher/fragments/area-places.cypher), whose walk stops at
// places that hold no targets, so cost grows with the area only.
// A level of children breaks its parent down: the places directly within it (or within the places it
// governs) that are or hold targets, and the organizations reporting to it that cover targets. A target
// lying directly in the parent beside such child areas is a row of its own, so the rows add up to the
// parent; a parent whose targets all lie directly in it is not broken down (the rows would be its
// targets one by one, which `unpaired` already lists).
// $areaIds: [String], $children: Boolean, $targetLabel: 'Village' or 'Community' (from schema/model.ts),
// $kind: pairing kind, $asOf: ISO date, $includeSynthetic: Boolean (synthetic targets and pairings counted;
// server/resolvers/areas.ts showSynthetic), $offset: Int, $limit: Int
UNWIND $areaIds AS parentId
MATCH (parent:Entity {id: parentId})
CALL (parent) {
  WITH parent WHERE NOT $children
  RETURN parent AS a
  UNION
  WITH parent WHERE $children
  OPTIONAL MATCH (parent)-[:GOVERNS]->(own:Place)
  WITH parent, CASE WHEN parent:Place THEN [parent] ELSE [] END + collect(own) AS roots
  UNWIND roots AS root
  MATCH (root)<-[:PART_OF]-(child:Place)
  RETURN child AS a
  UNION
  WITH parent WHERE $children
  MATCH (parent)<-[:REPORTS_TO]-(child:Organization)-[:COVERS]->(t:Place) WHERE t.kind = $targetLabel
  RETURN DISTINCT child AS a
}
CALL (a) { // area-places: cypher/fragments/area-places.cypher
  OPTIONAL MATCH (a)-[:GOVERNS|COVERS]->(governed:Place)
  OPTIONAL MATCH (member:Place)-[:MEMBER_OF]->(a)
  WITH a, CASE WHEN a:Place THEN [a] ELSE [] END + collect(DISTINCT governed) + collect(DISTINCT member) AS roots
  UNWIND roots AS root
  OPTIONAL MATCH (root) ((up:Place)<-[:PART_OF]-(:Place) WHERE NOT up.kind IN ['Village', 'Community', 'Grid', 'ResidentialCompound', 'ResidentialBuilding', 'CommercialBuilding']){0,8} (p:Place)
  RETURN collect(DISTINCT p) AS places
}
CALL (places) { // target-coverage: cypher/fragments/target-coverage.cypher
  WITH places, $kind AS kind, $targetLabel AS targetLabel
  UNWIND places AS t
  WITH t, kind WHERE t.kind = targetLabel AND ($includeSynthetic OR NOT t.synthetic)
  WITH t, EXISTS {
    MATCH (t)<-[r:PAIRED_WITH]-() WHERE r.kind = kind AND ($includeSynthetic OR NOT r.synthetic)
    CALL (r) { // active-on: cypher/fragments/active-on.cypher
      WITH r, $asOf AS day
      RETURN day IS NULL OR (coalesce(r.validFrom, '0000-01-01') <= day AND (r.validTo IS NULL OR r.validTo >= day)) AS active
    }
    WITH r WHERE active
  } AS paired
  ORDER BY t.name, t.id
  RETURN count(t) AS targets, sum(CASE WHEN paired THEN 1 ELSE 0 END) AS paired,
         collect(CASE WHEN paired THEN null ELSE properties(t) END) AS unpaired
}
WITH parentId, a, targets, paired, unpaired WHERE NOT $children OR targets > 0
WITH parentId, collect({a: a, targets: targets, paired: paired, unpaired: unpaired}) AS rows
UNWIND CASE WHEN $children AND all(row IN rows WHERE row.a.kind = $targetLabel) THEN [] ELSE rows END AS row
WITH parentId, row.a AS a, row.targets AS targets, row.paired AS paired, row.unpaired AS unpaired
RETURN parentId, properties(a) AS area, targets, paired, size(unpaired) AS unpairedTotal,
       unpaired[$offset..$offset + $limit] AS unpaired
ORDER BY targets DESC, a.name
