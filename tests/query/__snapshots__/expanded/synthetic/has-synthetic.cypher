// Does the store hold any node whose id starts with $prefix (a synthetic graph of this seed and scale,
// perhaps partly loaded)? Decides between a fresh load (CREATE) and a reload (MERGE).
// $prefix: String, e.g. 'syn-c42-'
RETURN EXISTS { MATCH (n:Entity) WHERE n.id STARTS WITH $prefix } AS present
