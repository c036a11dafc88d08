// Is there an area (any entity) with this id? An editor's scope must name one.
// $id: String
MATCH (a:Entity {id: $id})
RETURN a.id AS id, a.name AS name, a.kind AS kind
