// fragment: find-area(area) -> n
// Which place, organization or alliance does an area argument name? By exact id first, then by exact
// name (documented before synthetic). Decided here once for the area lookup (entity/find-area) and the
// questions that look their area up in their own query (coverage/compute-coverage). One row, `n`, or
// none when nothing is named so.
// params: none
CALL (area) {
  MATCH (n:Entity {id: area}) RETURN n
  UNION
  MATCH (n:Entity {name: area}) RETURN n
}
WITH area, n WHERE n:Place OR n:Organization OR n:Alliance
RETURN n
ORDER BY n.id = area DESC, n.synthetic, n.id
LIMIT 1
