// Documented records the seed files no longer hold: entities and relationships whose every source is
// one of the reports the seed cites ($documents) and whose id the seed no longer lists, and claims
// likewise. Anything a user added (sources like change:…, an import file, a test) is never listed,
// nor anything synthetic. Relationships come with their element id, for deleting them in the same
// transaction.
// $documents: [String], $nodeIds: [String], $relationshipIds: [String], $claimIds: [String]
CALL () {
  MATCH (n:Entity)
  WHERE n.synthetic = false AND NOT n.id IN $nodeIds
    AND size(coalesce(n.sourceDocuments, [])) > 0 AND all(d IN n.sourceDocuments WHERE d IN $documents)
  RETURN collect(n.id) AS nodes
}
CALL () {
  MATCH ()-[r]->()
  WHERE r.synthetic = false AND r.id IS NOT NULL AND NOT r.id IN $relationshipIds
    AND size(coalesce(r.sourceDocuments, [])) > 0 AND all(d IN r.sourceDocuments WHERE d IN $documents)
  RETURN collect({id: r.id, type: type(r), element: elementId(r)}) AS relationships
}
CALL () {
  MATCH (c:Claim)
  WHERE NOT c.id IN $claimIds
    AND size(coalesce(c.sourceDocuments, [])) > 0 AND all(d IN c.sourceDocuments WHERE d IN $documents)
  RETURN collect(c.id) AS claims
}
RETURN nodes, relationships, claims
