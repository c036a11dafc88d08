// Which of $ids lie outside an editor's area $scope? The rule is the fragment editor-scope
// (cypher/fragments/editor-scope.cypher), which says what "inside" means; the mutations
// (server/write-guards.ts) and the import (data/exchange/graph-view.ts) both ask this query. Unknown
// ids are left out (the caller reports them as not found).
// $scope: String, $ids: [String]
UNWIND $ids AS id
MATCH (x:Entity {id: id})
// @use editor-scope(x, $scope) -> inside
WITH id, inside
WHERE NOT inside
RETURN id
