// Takes the one lock every change of the organization hierarchy (a move, an import that moves) holds
// for the rest of its transaction. Moves lock several organizations in an order only known as they
// go (the mover, the new parent's chain, the old parent); two such moves could each hold what the
// other waits for. Taking this lock first makes moves run one at a time: they are rare, and a queue
// is better than a deadlock. The node is unique by name (schema/constraints.cypher), so the MERGE
// itself is safe under concurrency.
MERGE (l:Lock {name: 'hierarchy'})
WITH l
// @use lock(l) -> locked
RETURN l.name AS name
