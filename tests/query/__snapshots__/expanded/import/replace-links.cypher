// Creates or sets a batch of relationships of a graph.json import to exactly the properties given,
// found by their id between their two ends. Types are checked against schema/model.ts first.
// $rows: [{ id: String, type: String, from: String, to: String, props: Map }]
UNWIND $rows AS row
CALL (row) { // merge-relationship: cypher/fragments/merge-relationship.cypher
  MATCH (a:Entity {id: row.from})
  MATCH (b:Entity {id: row.to})
  MERGE (a)-[r:$(row.type) {id: row.id}]->(b)
  RETURN r
}
SET r = row.props
RETURN count(r) AS written
