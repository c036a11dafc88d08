// Writes a batch of new synthetic relationships with CREATE between nodes found by id: used only for a
// fresh load (nothing under the graph's id prefix yet), where a MERGE would first look for each one.
// (Planned on a store with no relationships, that MERGE scans every relationship record per row,
// deleted ones included, which after a --clear of a large graph takes minutes.) Returns how many were
// created, so a missing end node shows as a shortfall.
// $rows: [{ id, type, from, to, props: Map }]; types come from schema/model.ts, never from a request.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(r) AS created
