// Which place, organization or alliance does an area argument name? By exact id first, then by exact
// name (documented before synthetic).
// $area: String (an id or an exact name)
CALL () {
  MATCH (n:Entity {id: $area}) RETURN n
  UNION
  MATCH (n:Entity {name: $area}) RETURN n
}
WITH n WHERE n:Place OR n:Organization OR n:Alliance
RETURN properties(n) AS node
ORDER BY n.id = $area DESC, n.synthetic, n.id
LIMIT 1
