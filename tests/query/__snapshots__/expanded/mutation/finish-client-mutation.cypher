// Records what a claimed client mutation produced, in the transaction that produced it.
// $key: String, $resultId: String, $resultKind: 'Entity' or 'Pairing'
MATCH (m:ClientMutation {key: $key})
SET m.state = 'done', m.resultId = $resultId, m.resultKind = $resultKind
RETURN m.key AS key
