// Which pairings match the filters? Candidates come from the area (pairings whose target lies in it),
// else from the entity (its pairings), else all; then every filter applies. Newest first.
// $areaId, $entityId, $kind, $programme, $status, $activeOn: String or null; $includeSynthetic: Boolean
// (server/resolvers/areas.ts showSynthetic); $offset, $limit: Int
CALL () {
  MATCH (a:Entity {id: $areaId})
  // @use area-places(a) -> places, parts
  UNWIND places AS t
  MATCH (t)<-[r:PAIRED_WITH]-(p:Entity)
  RETURN p, r, t
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
  AND ($includeSynthetic OR NOT r.synthetic)
// @use active-on(r, $activeOn) -> active
WITH p, r, t WHERE active
WITH p, r, t ORDER BY coalesce(r.validFrom, '') DESC, r.id
WITH collect({pairing: properties(r), partner: properties(p), target: properties(t)}) AS items
RETURN size(items) AS total, items[$offset..$offset + $limit] AS items
