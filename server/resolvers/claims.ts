/** Claims: what a report states, beside what the graph counts for the same metric. */
import { type EntityObject, type Props, sourcesOf } from '../entity-mapper.ts';

export type ClaimStatus = 'MATCHES' | 'GRAPH_HOLDS_FEWER' | 'GRAPH_HOLDS_MORE' | 'NOT_COUNTABLE';

export function claimStatus(stated: number, counted: number | null | undefined): ClaimStatus {
  if (counted == null) return 'NOT_COUNTABLE';
  if (counted === stated) return 'MATCHES';
  return counted < stated ? 'GRAPH_HOLDS_FEWER' : 'GRAPH_HOLDS_MORE';
}

/** A stored claim (with the graph's count, when the query computed one) as a GraphQL Claim. */
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
    sources: sourcesOf(props),
    graphValue,
    status: claimStatus(value, graphValue),
  };
}
