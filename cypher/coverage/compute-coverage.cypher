// Pairing coverage: for each area in $areaIds (or, when $children is true, for each child area of
// them), how many target places (villages; communities for UnitCommunity) lie in it and how many have
// a pairing of $kind active on $asOf, with one page of the unpaired ones by name.
// An area's targets: a place's own (PART_OF, any depth); an organization's or alliance's, through the
// places it governs or covers and the places that are its members. Cost grows with the area only,
// and the walk down PART_OF stops at places that hold no targets ($leafKinds: villages, communities,
// grids, compounds, buildings), so the thousands of compounds and buildings of a district's
// communities are never visited to find its few hundred villages.
// $areaIds: [String], $children: Boolean, $targetLabel: 'Village' or 'Community' (from schema/model.ts),
// $leafKinds: [String], $kind: pairing kind, $asOf: ISO date, $offset: Int, $limit: Int
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
  WHERE NOT $targetLabel IN labels(child)
    AND EXISTS { MATCH (child) ((up:Place)<-[:PART_OF]-(:Place) WHERE NOT up.kind IN $leafKinds){1,8} (t:Place) WHERE t.kind = $targetLabel }
  RETURN child AS a
  UNION
  WITH parent WHERE $children
  MATCH (parent)<-[:REPORTS_TO]-(child:Organization)-[:COVERS]->(t:Place) WHERE t.kind = $targetLabel
  RETURN DISTINCT child AS a
}
CALL (a) {
  OPTIONAL MATCH (a)-[:GOVERNS|COVERS]->(p:Place)
  OPTIONAL MATCH (m:Place)-[:MEMBER_OF]->(a)
  WITH a, CASE WHEN a:Place THEN [a] ELSE [] END + collect(DISTINCT p) + collect(DISTINCT m) AS roots
  UNWIND roots AS root
  OPTIONAL MATCH (root) ((up:Place)<-[:PART_OF]-(:Place) WHERE NOT up.kind IN $leafKinds){0,8} (t:$($targetLabel))
  WITH DISTINCT t WHERE t IS NOT NULL
  WITH t, EXISTS {
    MATCH (t)<-[r:PAIRED_WITH {kind: $kind}]-()
    WHERE coalesce(r.validFrom, '0000-01-01') <= $asOf AND (r.validTo IS NULL OR r.validTo >= $asOf)
  } AS paired
  ORDER BY t.name, t.id
  RETURN count(t) AS targets, sum(CASE WHEN paired THEN 1 ELSE 0 END) AS paired,
         collect(CASE WHEN paired THEN null ELSE properties(t) END) AS unpaired
}
RETURN parentId, properties(a) AS area, targets, paired, size(unpaired) AS unpairedTotal,
       unpaired[$offset..$offset + $limit] AS unpaired
ORDER BY targets DESC, a.name
