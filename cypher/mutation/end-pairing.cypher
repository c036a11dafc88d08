// Ends a pairing: closes its interval on $validTo, never deletes it; adds the source.
// $id, $validTo, $reason, $document, $quote: String
MATCH (:Entity)-[r:PAIRED_WITH {id: $id}]->(:Entity)
SET r.validTo = $validTo, r.status = 'ended', r.reason = $reason,
    r.sourceDocuments = coalesce(r.sourceDocuments, []) + $document,
    r.sourceQuotes = coalesce(r.sourceQuotes, []) + $quote
RETURN r.id AS id
