// The hierarchy above the entities $ids: every REPORTS_TO / PART_OF link on the way up (at most 30
// levels), as child–parent pairs. The import walks them to refuse a parent that would make a cycle.
// $ids: [String]
UNWIND $ids AS id
MATCH (:Entity {id: id})-[links:REPORTS_TO|PART_OF*1..30]->(:Entity)
UNWIND links AS link
WITH DISTINCT link
RETURN startNode(link).id AS child, endNode(link).id AS parent
