// How many entities of each kind does the graph hold?
// No parameters.
MATCH (n:Entity)
RETURN n.kind AS kind, count(*) AS count
