// Would putting $id under $parentId make a cycle, i.e. is the new parent the organization itself or
// one of the organizations it leads?
// $id: String, $parentId: String
MATCH (n:Entity {id: $id}), (p:Entity {id: $parentId})
RETURN EXISTS { MATCH (p)-[:REPORTS_TO*0..20]->(n) } AS cycle
