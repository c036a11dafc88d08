// Whether the documented dataset has been loaded: any entity that is not synthetic. The server's
// SEED_ON_START asks it before seeding an empty store.
MATCH (n:Entity {synthetic: false})
RETURN n.id AS id
LIMIT 1
