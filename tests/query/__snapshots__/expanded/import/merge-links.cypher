// Creates or updates a batch of relationships, found by their own id between their two ends: parent
// links, GOVERNS, LOCATED_IN, HOLDS_POSITION and pairings (PAIRED_WITH). Properties given are set;
// others are left as they are.
// $rows: [{ id: String, type: String, from: String, to: String, props: Map }] (types from schema/model.ts)
UNWIND $rows AS row
CALL (row) { // merge-relationship: cypher/fragments/merge-relationship.cypher
  MATCH (a:Entity {id: row.from})
  MATCH (b:Entity {id: row.to})
  MERGE (a)-[r:$(row.type) {id: row.id}]->(b)
  RETURN r
}
SET r += row.props
RETURN count(r) AS written
