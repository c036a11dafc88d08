// Which entities have these ids? In the order asked; unknown ids are left out.
// $ids: [String]
UNWIND range(0, size($ids) - 1) AS i
MATCH (n:Entity {id: $ids[i]})
RETURN n.id AS id, properties(n) AS node
ORDER BY i
