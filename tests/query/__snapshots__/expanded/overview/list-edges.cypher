// Which relationships leave the entities of a city overview? Every relationship from each of $ids to
// another entity, as Cytoscape edge data; the caller keeps those whose other end is drawn too (a
// membership test against 20,000 ids is a JavaScript Set there, not a list scan per edge here).
// Pairings not yet started on $asOf are left out; the others say whether they are active or ended.
// $ids: [String], $asOf: ISO date
UNWIND $ids AS id
MATCH (a:Entity {id: id})-[r]->(b:Entity)
WHERE type(r) <> 'PAIRED_WITH' OR coalesce(r.validFrom, '0000-01-01') <= $asOf
RETURN r.id AS id, a.id AS source, b.id AS target, type(r) AS label,
  CASE WHEN type(r) <> 'PAIRED_WITH' THEN null WHEN r.validTo IS NOT NULL AND r.validTo < $asOf THEN 'ended' ELSE 'active' END AS status
