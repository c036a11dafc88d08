// Loads a batch of claims (a count or rate a report states) and links each to the entity stating it.
// $rows: [{ id, subject, props: Map }]
UNWIND $rows AS row
MATCH (s:Entity {id: row.subject})
MERGE (c:Claim {id: row.id})
SET c += row.props
MERGE (s)-[:STATES]->(c)
