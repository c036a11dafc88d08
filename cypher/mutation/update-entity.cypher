// Sets an entity's name and/or English name and adds a source to its provenance.
// $id: String, $props: Map, $document: String, $quote: String
MATCH (n:Entity {id: $id})
SET n += $props,
    n.sourceDocuments = coalesce(n.sourceDocuments, []) + $document,
    n.sourceQuotes = coalesce(n.sourceQuotes, []) + $quote
RETURN properties(n) AS node
