// Updates a batch of existing entities: sets the properties given (new name, provenance with the
// import's source added) and leaves the others as they are.
// $rows: [{ id: String, props: Map }]
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n += row.props
RETURN count(n) AS written
