// The positions (HOLDS_POSITION) stored for each person and place of work in $pairs.
// $pairs: [{ personId: String, atId: String }]
UNWIND $pairs AS pair
MATCH (:Entity {id: pair.personId})-[r:HOLDS_POSITION]->(:Entity {id: pair.atId})
RETURN pair.personId AS personId, pair.atId AS atId, properties(r) AS props
