// Ends pairing $id: closes its interval on $validTo and marks it ended, never deletes it; records the
// reason and adds the change's source to its provenance.
// $id: String, $validTo: ISO date, $reason: String, $document: String, $quote: String
MATCH (partner:Entity)-[r:PAIRED_WITH {id: $id}]->(target:Place)
SET r.validTo = $validTo,
    r.status = 'ended',
    r.reason = $reason,
    r.sourceDocuments = coalesce(r.sourceDocuments, []) + $document,
    r.sourceQuotes = coalesce(r.sourceQuotes, []) + $quote
RETURN properties(r) AS pairing, properties(partner) AS partner, properties(target) AS target
