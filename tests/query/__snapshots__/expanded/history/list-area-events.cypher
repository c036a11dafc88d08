// What happened in an area between two dates? (1) The pairings whose target (village or community)
// lies in the area and that started or ended on a day in [$from, $to], each with its partner and
// target, the pairing a re-match replaced (same target, id = replaces) and the change-log entries
// about it (none for pairings loaded from a report). The intervals, not the log, decide, so
// documented and imported pairings count too. (2) The organizations moved in [$since, $until) —
// known only from the change log — whose organization or old parent lies in the area, with the
// old and new parents. A move's before/after are JSON strings made by server/change-log.ts
// (JSON.stringify, no spaces); the parent ids are read from their "parentIds":[…] list.
// $scope: [String] (entity/list-area-scope); $from, $to: ISO dates; $since, $until: ISO date-times
CALL () {
  // The scope may name a place twice (a community is a place of the area and a village's partner):
  // each target once, or its pairings would be told once per mention.
  UNWIND $scope AS id
  WITH DISTINCT id
  MATCH (t:Entity {id: id}) WHERE t:Place
  MATCH (t)<-[r:PAIRED_WITH]-(p:Entity)
  WHERE (r.validFrom >= $from AND r.validFrom <= $to) OR (r.validTo >= $from AND r.validTo <= $to)
  OPTIONAL MATCH (t)<-[old:PAIRED_WITH]-(oldPartner:Entity) WHERE r.replaces IS NOT NULL AND old.id = r.replaces
  CALL (r) {
    OPTIONAL MATCH (c:Change {entityId: r.id})
    WITH c ORDER BY c.at, c.id
    RETURN collect(properties(c)) AS changes
  }
  WITH r, p, t, old, oldPartner, changes ORDER BY coalesce(r.validFrom, r.validTo), r.id
  RETURN collect({
    pairing: properties(r), partner: properties(p), target: properties(t), changes: changes,
    replaced: CASE WHEN old IS NULL THEN null ELSE {pairing: properties(old), partner: properties(oldPartner), target: properties(t)} END
  }) AS pairings
}
CALL () {
  MATCH (c:Change {action: 'moveOrganization'})
  WHERE c.at >= $since AND c.at < $until
    AND (c.entityId IN $scope OR any(id IN $scope WHERE c.before CONTAINS ('"' + id + '"')))
  WITH c,
       [s IN split(split(split(c.before, '"parentIds":[')[1], ']')[0], ',') WHERE size(s) > 2 | substring(s, 1, size(s) - 2)] AS fromIds,
       [s IN split(split(split(c.after, '"parentIds":[')[1], ']')[0], ',') WHERE size(s) > 2 | substring(s, 1, size(s) - 2)] AS toIds
  OPTIONAL MATCH (o:Entity {id: c.entityId})
  CALL (fromIds) {
    UNWIND fromIds AS pid
    MATCH (x:Entity {id: pid})
    RETURN collect(properties(x)) AS fromParents
  }
  CALL (toIds) {
    UNWIND toIds AS pid
    MATCH (x:Entity {id: pid})
    RETURN collect(properties(x)) AS toParents
  }
  WITH c, o, fromParents, toParents ORDER BY c.at, c.id
  RETURN collect({change: properties(c), organization: properties(o), from: fromParents, to: toParents}) AS moves
}
RETURN pairings, moves
