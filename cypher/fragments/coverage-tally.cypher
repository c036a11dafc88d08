// fragment: coverage-tally(checked) -> targets, paired, unpaired
// The figures of a coverage from its checked targets (a list of {target, paired}, each target once,
// ordered by name and id, as cypher/fragments/target-paired.cypher decides them), counted here once
// for target-coverage and coverage/compute-coverage: `targets`, `paired`, and the unpaired targets'
// properties in that order (`unpaired`). One row.
// params: none
UNWIND checked AS c
RETURN count(c) AS targets, sum(CASE WHEN c.paired THEN 1 ELSE 0 END) AS paired,
       collect(CASE WHEN c.paired THEN null ELSE properties(c.target) END) AS unpaired
