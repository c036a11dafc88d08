// How many synthetic nodes of each kind, and synthetic relationships of each type, does the graph hold?
// No parameters.
CALL () {
  MATCH (n:Synthetic) WITH n.kind AS key, count(*) AS count ORDER BY key RETURN collect({key: key, count: count}) AS nodes
}
CALL () {
  MATCH (:Synthetic)-[r]->() WITH type(r) AS key, count(*) AS count ORDER BY key RETURN collect({key: key, count: count}) AS relationships
}
RETURN nodes, relationships
