// The relationships $rows as stored, found by their id among the links leaving their start entity.
// $rows: [{ id: String, from: String }]
UNWIND $rows AS row
MATCH (:Entity {id: row.from})-[r {id: row.id}]->(b:Entity)
RETURN r.id AS id, type(r) AS type, b.id AS to, properties(r) AS props
