// Sets a batch of existing entities to exactly the properties and labels of a graph.json import.
// Labels are checked against schema/model.ts before they reach this query.
// $rows: [{ id: String, labels: [String], props: Map }]
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n = row.props, n:$(row.labels)
RETURN count(n) AS written
