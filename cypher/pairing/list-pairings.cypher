// Which pairings match the filters? Candidates come from the area (pairings whose target lies in it),
// else from the entity (its pairings), else all; then every filter applies. Newest first.
// $areaId, $entityId, $kind, $programme, $status, $activeOn: String or null; $offset, $limit: Int
CALL () {
  MATCH (a:Entity {id: $areaId})
  OPTIONAL MATCH (a)-[:GOVERNS|COVERS]->(governed:Place)
  OPTIONAL MATCH (member:Place)-[:MEMBER_OF]->(a)
  WITH a, collect(DISTINCT governed) AS governedPlaces, collect(DISTINCT member) AS members
  WITH CASE WHEN a:Place THEN [a] ELSE [] END + governedPlaces + members AS roots
  UNWIND roots AS root
  MATCH (root)<-[:PART_OF*0..8]-(t:Place)<-[r:PAIRED_WITH]-(p:Entity)
  RETURN DISTINCT p, r, t
  UNION
  MATCH (e:Entity {id: $entityId}) WHERE $areaId IS NULL
  MATCH (p:Entity)-[r:PAIRED_WITH]->(t:Place) WHERE p = e OR t = e
  RETURN p, r, t
  UNION
  MATCH (p:Entity)-[r:PAIRED_WITH]->(t:Place) WHERE $areaId IS NULL AND $entityId IS NULL
  RETURN p, r, t
}
WITH p, r, t
WHERE ($entityId IS NULL OR p.id = $entityId OR t.id = $entityId)
  AND ($kind IS NULL OR r.kind = $kind)
  AND ($programme IS NULL OR r.programme = $programme)
  AND ($status IS NULL OR r.status = $status)
  AND ($activeOn IS NULL OR (coalesce(r.validFrom, '0000-01-01') <= $activeOn AND (r.validTo IS NULL OR r.validTo >= $activeOn)))
WITH p, r, t ORDER BY coalesce(r.validFrom, '') DESC, r.id
WITH collect({pairing: properties(r), partner: properties(p), target: properties(t)}) AS items
RETURN size(items) AS total, items[$offset..$offset + $limit] AS items
