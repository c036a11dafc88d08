// Does $parentId report, at any depth, to $id, i.e. is it one of the organizations $id leads? When it
// is, returns the chain of names from $parentId up to $id (moving $id under it would close that
// chain into a cycle); no row when not. $id and $parentId differ (the caller refuses a self-parent).
// $id: String, $parentId: String
MATCH (o:Entity {id: $id}), (p:Entity {id: $parentId})
MATCH path = shortestPath((p)-[:REPORTS_TO*1..]->(o))
RETURN [n IN nodes(path) | n.name] AS chain
