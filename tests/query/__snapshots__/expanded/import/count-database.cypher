// How many nodes of what a backup holds (entities, claims, change-log entries) the database has:
// restore refuses a database that holds any unless forced. Bookkeeping nodes (Lock) do not count.
// (no parameters)
MATCH (n)
WHERE n:Entity OR n:Claim OR n:Change
RETURN count(n) AS nodes
