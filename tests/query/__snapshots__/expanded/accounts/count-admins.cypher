// How many administrators may sign in? (The last one cannot be disabled or demoted, and production
// refuses to start with none and no identity provider.)
// (none)
MATCH (u:User {role: 'admin', status: 'active'})
RETURN count(u) AS admins
