// Which place, organization or alliance does an area argument name? (cypher/fragments/find-area.cypher)
// $area: String (an id or an exact name)
CALL () { // find-area: cypher/fragments/find-area.cypher
  WITH $area AS area
  CALL (area) {
    MATCH (n:Entity {id: area}) RETURN n
    UNION
    MATCH (n:Entity {name: area}) RETURN n
  }
  WITH area, n WHERE n:Place OR n:Organization OR n:Alliance
  RETURN n
  ORDER BY n.id = area DESC, n.synthetic, n.id
  LIMIT 1
}
RETURN properties(n) AS node
