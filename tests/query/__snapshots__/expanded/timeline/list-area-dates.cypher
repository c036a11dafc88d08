// Which days does the graph know something about in an area (the time bar's range and ticks)? The
// first and last days of the pairings whose target lies in the area, the days of the change-log
// entries about the area's entities, and the reports (file names) its entities and pairings cite; the
// caller turns a report into its date (data/documents.ts holds the reports' dates, not the graph).
// $scope: [String] (entity/list-area-scope); $includeSynthetic: Boolean (synthetic pairings' days too)
CALL () {
  UNWIND $scope AS id
  WITH DISTINCT id
  MATCH (t:Entity {id: id}) WHERE t:Place
  MATCH (t)<-[r:PAIRED_WITH]-()
  WHERE $includeSynthetic OR NOT coalesce(r.synthetic, false)
  UNWIND [r.validFrom, r.validTo] AS day
  WITH day, r WHERE day IS NOT NULL
  RETURN collect(DISTINCT day) AS pairingDays, collect(DISTINCT r.sourceDocuments) AS pairingDocuments
}
CALL () {
  MATCH (c:Change) WHERE c.entityId IN $scope
  RETURN collect(DISTINCT substring(c.at, 0, 10)) AS changeDays
}
CALL () {
  UNWIND $scope AS id
  MATCH (n:Entity {id: id})
  UNWIND coalesce(n.sourceDocuments, []) AS document
  RETURN collect(DISTINCT document) AS entityDocuments
}
RETURN pairingDays, changeDays,
       entityDocuments + reduce(all = [], docs IN pairingDocuments | all + coalesce(docs, [])) AS documents
