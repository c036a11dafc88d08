// fragment: lock(item) -> locked
// Takes Neo4j's write lock on a node or relationship for the rest of the write transaction, so a
// concurrent write of the same item waits for this one, and what this transaction reads next is what
// is committed. Writing a throwaway property is how Cypher takes the lock (there is no LOCK clause).
// Lock several items in a fixed order (e.g. ORDER BY id) so two transactions cannot deadlock.
SET item._lock = true
REMOVE item._lock
RETURN item AS locked
