// Constraints and indexes of the graph, applied at every start. Each statement is idempotent
// (IF NOT EXISTS), so starting twice changes nothing. Statements are separated by semicolons.

// Every node of the model carries :Entity and a stable id (documented: jn-/lc-/sz-/gx-, synthetic: syn-).
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
// Claims: counts and rates a report states, checked against the graph.
CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (c:Claim) REQUIRE c.id IS UNIQUE;
// The change log written by every mutation.
CREATE CONSTRAINT change_id IF NOT EXISTS FOR (c:Change) REQUIRE c.id IS UNIQUE;
// A pairing is a relationship with its own id; mutations find it by that id.
CREATE CONSTRAINT pairing_id IF NOT EXISTS FOR ()-[r:PAIRED_WITH]-() REQUIRE r.id IS RELATIONSHIP UNIQUE;

// Exact-name lookups (organization(name:), place(name:), industryChains(area:)).
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind);
CREATE INDEX pairing_kind_status IF NOT EXISTS FOR ()-[r:PAIRED_WITH]-() ON (r.kind, r.status);
CREATE INDEX change_entity IF NOT EXISTS FOR (c:Change) ON (c.entityId);
CREATE INDEX change_at IF NOT EXISTS FOR (c:Change) ON (c.at);

// Full-text search on names. The cjk analyzer indexes Chinese as bigrams, so 玉符泉源 finds 玉符泉源联合党委.
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.nameEn]
  OPTIONS { indexConfig: { `fulltext.analyzer`: 'cjk' } };
// Names containing a word (search's fallback for one-character words, cypher/search/search-names-containing.cypher).
CREATE TEXT INDEX entity_name_text IF NOT EXISTS FOR (n:Entity) ON (n.name);

// A client mutation id, per caller: a retried mutation finds its first attempt here and applies once.
// The uniqueness constraint also makes concurrent retries wait for each other (MERGE takes its lock).
CREATE CONSTRAINT client_mutation_key IF NOT EXISTS FOR (m:ClientMutation) REQUIRE m.key IS UNIQUE;
// Named locks (cypher/mutation/lock-hierarchy.cypher): one node per name.
CREATE CONSTRAINT lock_name IF NOT EXISTS FOR (l:Lock) REQUIRE l.name IS UNIQUE;

// People's accounts (server/accounts): one per login name; sessions found by the hash of their cookie;
// failed-sign-in counters by key (an account's or an address's).
CREATE CONSTRAINT user_login IF NOT EXISTS FOR (u:User) REQUIRE u.login IS UNIQUE;
CREATE CONSTRAINT session_id IF NOT EXISTS FOR (s:Session) REQUIRE s.id IS UNIQUE;
CREATE INDEX session_login IF NOT EXISTS FOR (s:Session) ON (s.login);
CREATE CONSTRAINT sign_in_throttle_key IF NOT EXISTS FOR (t:SignInThrottle) REQUIRE t.key IS UNIQUE;
// An account signed in through the identity provider is found by its (issuer, subject): one account each.
CREATE CONSTRAINT user_oidc_subject IF NOT EXISTS FOR (u:User) REQUIRE (u.oidcIssuer, u.oidcSubject) IS UNIQUE;

// Saved views of the viewer (server/resolvers/saved-views.ts): one per id, listed by their owner.
CREATE CONSTRAINT saved_view_id IF NOT EXISTS FOR (v:SavedView) REQUIRE v.id IS UNIQUE;
CREATE INDEX saved_view_owner IF NOT EXISTS FOR (v:SavedView) ON (v.owner);
