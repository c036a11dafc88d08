// Sets each entity's display name: its name with the place that tells it apart, "小庄村（港沟街道）";
// $rows: [{id, place}] (place: the id of the 街道 or 区 to name). Every other entity loses a
// display name it had (its name no longer clashes), so the viewer shows its plain name; with $names,
// only the entities with those names are looked at (the rows were worked out for them alone).
// $rows: [{id: String, place: String}]; $names: [String] | null
CALL () {
  UNWIND $rows AS row
  MATCH (n:Entity {id: row.id})
  MATCH (p:Entity {id: row.place})
  SET n.displayName = n.name + '（' + p.name + '）'
  RETURN count(n) AS named
}
CALL () {
  MATCH (n:Entity)
  WHERE n.displayName IS NOT NULL AND ($names IS NULL OR n.name IN $names) AND NOT n.id IN [row IN $rows | row.id]
  REMOVE n.displayName
  RETURN count(n) AS cleared
}
RETURN named, cleared
