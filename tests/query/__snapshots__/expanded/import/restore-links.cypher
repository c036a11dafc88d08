// Restores a batch of relationships from a backup into an empty database: both ends exist (nodes are
// restored first), so each is created, not merged.
// $rows: [{ type: String, from: String, to: String, props: Map }] (types checked against schema/model.ts)
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(r) AS written
