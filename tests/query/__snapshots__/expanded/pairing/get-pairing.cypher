// Which pairing has this id, with its partner and target?
// $id: String
MATCH (p:Entity)-[r:PAIRED_WITH {id: $id}]->(t:Place)
RETURN properties(r) AS pairing, properties(p) AS partner, properties(t) AS target
