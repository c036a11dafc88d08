// Which pairings match the filters? Candidates come from the area (pairings whose target lies in it),
// else from the entity (its pairings), else all; then every filter applies. Newest first.
// $areaId, $entityId, $kind, $programme, $status, $activeOn: String or null; $includeSynthetic: Boolean
// (server/resolvers/areas.ts showSynthetic); $offset, $limit: Int
CALL () {
  MATCH (a:Entity {id: $areaId})
  CALL (a) { // area-places: cypher/fragments/area-places.cypher
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
CALL (r) { // active-on: cypher/fragments/active-on.cypher
  WITH r, $activeOn AS day
  RETURN day IS NULL OR (coalesce(r.validFrom, '0000-01-01') <= day AND (r.validTo IS NULL OR r.validTo >= day)) AS active
}
WITH p, r, t WHERE active
WITH p, r, t ORDER BY coalesce(r.validFrom, '') DESC, r.id
WITH collect({pairing: properties(r), partner: properties(p), target: properties(t)}) AS items
RETURN size(items) AS total, items[$offset..$offset + $limit] AS items
