// Renames entity $id (a null $name or $nameEn leaves that one as it is) and adds the change's source
// to its provenance.
// $id: String, $name: String or null, $nameEn: String or null, $document: String, $quote: String
MATCH (n:Entity {id: $id})
SET n.name = coalesce($name, n.name),
    n.nameEn = coalesce($nameEn, n.nameEn),
    n.sourceDocuments = coalesce(n.sourceDocuments, []) + $document,
    n.sourceQuotes = coalesce(n.sourceQuotes, []) + $quote
RETURN properties(n) AS node
