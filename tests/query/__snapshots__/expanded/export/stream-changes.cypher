// The whole change log, for a backup: every entry's properties.
// (no parameters)
MATCH (c:Change)
RETURN properties(c) AS props
