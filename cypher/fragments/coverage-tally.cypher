// fragment: coverage-tally(checked) -> targets, paired, unpaired
// The figures of a coverage from its checked targets (a list of {paired, unpaired}, each target once,
// as cypher/fragments/target-paired.cypher decides them: `unpaired` the target's properties when it is
// not paired, else null; the unpaired ones ordered by name and id), counted here once for
// target-coverage and coverage/compute-coverage: `targets`, `paired`, and the unpaired targets'
// properties in that order (`unpaired`). One row.
// params: none
UNWIND checked AS c
RETURN count(c) AS targets, sum(CASE WHEN c.paired THEN 1 ELSE 0 END) AS paired, collect(c.unpaired) AS unpaired
