// How many nodes the database holds (restore refuses a non-empty database unless forced).
// (no parameters)
MATCH (n)
RETURN count(n) AS nodes
