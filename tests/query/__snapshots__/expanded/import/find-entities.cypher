// Which of the entities $ids exist, with their kind, properties and outgoing hierarchy and place links
// (REPORTS_TO, PART_OF, GOVERNS, LOCATED_IN)? The import's dry run compares its rows with them.
// $ids: [String]
UNWIND $ids AS id
MATCH (n:Entity {id: id})
OPTIONAL MATCH (n)-[r:REPORTS_TO|PART_OF|GOVERNS|LOCATED_IN]->(m:Entity)
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props,
       collect(CASE WHEN m IS NULL THEN null ELSE {type: type(r), to: m.id} END) AS links
