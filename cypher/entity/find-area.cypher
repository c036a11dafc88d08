// Which place, organization or alliance does an area argument name? (cypher/fragments/find-area.cypher)
// $area: String (an id or an exact name)
// @use find-area($area) -> n
RETURN properties(n) AS node
