// Deletes the parent links (REPORTS_TO for an organization, PART_OF for a place) of entities the
// import moves; their new links are merged next. The change log keeps the old parents.
// $rows: [{ id: String, type: 'REPORTS_TO' | 'PART_OF' }] (types from schema/model.ts)
UNWIND $rows AS row
MATCH (:Entity {id: row.id})-[r:$(row.type)]->(:Entity)
DELETE r
RETURN count(r) AS written
