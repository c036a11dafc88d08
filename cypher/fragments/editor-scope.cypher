// fragment: editor-scope(x, area) -> inside
// Whether entity x lies inside an editor's area (the area's id), THE write rule: every write path
// (the eight mutations through server/write-guards.ts, each import template through
// data/exchange/plan-import.ts) asks it through scope/find-outside-area; graph.json import and
// restore are for unrestricted callers only. One row, `inside` (a Boolean).
//
// What "inside the area A" means (A is the editor's scope id):
//   the places of A    A itself if it is a place, and the places governed (GOVERNS) or covered (COVERS)
//                      by A or by an organization under A (REPORTS_TO), with everything lying in those
//                      (PART_OF, any depth);
//   a place            is inside when it is one of the places of A;
//   an organization    when it is A or lies under A (REPORTS_TO), or when it or an organization above
//                      it governs or sits in (LOCATED_IN) a place of A. Covering alone does not
//                      count: a joint committee over villages of several areas belongs to none of them
//                      (and an editor of one village does not get its committee's siblings);
//   an alliance        when it is A, sits in a place of A, or is led (LEADS) by an organization inside;
//   a unit or a site   when it is A or sits in (LOCATED_IN) a place of A;
//   a person           when it is A or holds a position (HOLDS_POSITION) at an entity inside;
//   anything else      (chains, roles) only when it is A.
// A pairing (PAIRED_WITH) never puts an entity inside; nor does alliance membership (MEMBER_OF).
// A write is inside when both ends of every relationship it creates, changes or ends are inside, and
// every entity it changes is; a new entity is inside when everything it hangs from is.
//
// How: walking only upward from each entity (cheap at any graph size, bounded depths): its anchors
// (itself, a person's positions, an alliance's leaders), what those report to or lie in, the places
// those govern or sit in and what those lie in, then the organizations governing or covering any of
// those places and what they report to. It is inside when A is among all of that. The reads' area
// (entity/list-area-scope, area-places) is another question, answered walking down; do not use it for
// writes.
// params: none
CALL (x) {
  OPTIONAL MATCH (x:Person)-[:HOLDS_POSITION]->(at:Entity)
  OPTIONAL MATCH (x:Alliance)<-[:LEADS]-(leader:Organization)
  WITH x, collect(DISTINCT at) + collect(DISTINCT leader) AS more
  UNWIND [x] + more AS anchor
  MATCH (anchor)-[:REPORTS_TO|PART_OF*0..12]->(up:Entity)
  RETURN collect(DISTINCT up) AS ups
}
CALL (ups) {
  UNWIND ups AS u
  OPTIONAL MATCH (u)-[:GOVERNS|LOCATED_IN]->(:Place)-[:PART_OF*0..8]->(held:Place)
  WITH ups, collect(DISTINCT held) AS held
  RETURN [u IN ups WHERE u:Place] + held AS places
}
CALL (places) {
  UNWIND places AS place
  OPTIONAL MATCH (place)<-[:GOVERNS|COVERS]-(:Entity)-[:REPORTS_TO*0..10]->(o:Entity)
  RETURN collect(DISTINCT o.id) AS governors
}
RETURN area IN [u IN ups | u.id] + [p IN places | p.id] + governors AS inside
