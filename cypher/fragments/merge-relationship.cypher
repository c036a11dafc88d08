// fragment: merge-relationship(row) -> r
// The one way a relationship is merged: found by its own id (row.id) between its two ends (row.from,
// row.to, both existing entities; a missing end gives no row, so a count shows the shortfall), of the
// type row.type, which the callers have checked against schema/model.ts (never taken from a request
// unchecked). The caller sets the properties: `SET r += row.props` to update, `SET r = row.props` to
// replace. One row per merged relationship, `r`.
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:$(row.type) {id: row.id}]->(b)
RETURN r
