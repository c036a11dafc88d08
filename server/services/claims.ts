/** Claims: what a report states, beside what the graph counts for the same metric. */
import { type EntityObject, type Props, provenanceOf } from '../../graph/entity-mapper.ts';
import { CLAIM_QUALIFIERS } from '../../schema/model.ts';

export type ClaimStatus = 'MATCHES' | 'GRAPH_HOLDS_FEWER' | 'GRAPH_HOLDS_MORE' | 'NOT_COUNTABLE';

export function claimStatus(stated: number, counted: number | null | undefined): ClaimStatus {
  if (counted == null) return 'NOT_COUNTABLE';
  if (counted === stated) return 'MATCHES';
  return counted < stated ? 'GRAPH_HOLDS_FEWER' : 'GRAPH_HOLDS_MORE';
}

const text = (value: unknown) => (value == null ? null : String(value));
/** A stored qualifier as the model names it; null for none. */
const qualifierOf = (value: unknown): (typeof CLAIM_QUALIFIERS)[number] | null => CLAIM_QUALIFIERS.find((q) => q === value) ?? null;

/**
 * A stored claim (with the graph's count, when the query computed one) as a GraphQL Claim: with when
 * it held (asOf), how exact it is (qualifier), what replaced it, and how we know it.
 */
export function claimObject(props: Props, subject: EntityObject) {
  const value = Number(props.value);
  const graphValue = props.graphValue == null ? null : Number(props.graphValue);
  return {
    id: String(props.id),
    subject,
    metric: String(props.metric),
    value,
    unit: String(props.unit),
    statement: String(props.statement),
    ...provenanceOf(props),
    graphValue,
    status: claimStatus(value, graphValue),
    asOf: text(props.asOf),
    asOfFrom: text(props.asOfFrom),
    asOfTo: text(props.asOfTo),
    qualifier: qualifierOf(props.qualifier),
    supersedes: text(props.supersedes),
    supersededBy: text(props.supersededBy),
    // Claims read without a date (older stores) count as current.
    current: props.current !== false,
    note: text(props.note),
    toCheck: text(props.toCheck),
  };
}
