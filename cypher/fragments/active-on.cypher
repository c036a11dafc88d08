// fragment: active-on(r, day) -> active
// Whether a dated relationship (a pairing) is active on `day`, decided here once: it has begun by then
// (no validFrom: since always) and has not ended before then (no validTo: still running). A null day
// means any date, so every relationship is active. One row, `active` (a Boolean). Give the day as a
// parameter or a variable: `// @use active-on(r, $asOf) -> active`.
RETURN day IS NULL OR (coalesce(r.validFrom, '0000-01-01') <= day AND (r.validTo IS NULL OR r.validTo >= day)) AS active
